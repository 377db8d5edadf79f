// Visits (工单): today's and open ones at a glance, and a visit's page with its history, cancel and rebook.
import { api, ApiProblem, idempotencyKey, showProblem } from './api.js';
import { busy, checked, choices, field, fill, focusFirst, h, select, submitOnEnter, toast } from './dom.js';
import * as fmt from './format.js';
import { CHANNEL, EVENT, PERIOD, RELATION, STATUS, name } from './words.js';

const OPEN = ['REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE'];
const VIEWS = [
  ['today', '今日', () => `date=${fmt.today()}`],
  ['open', '未办结', () => OPEN.map((s) => `status=${s}`).join('&')],
  ['overdue', '已逾期', () => 'overdue=true'],
  ['all', '全部', () => ''],
];
const PAGE_SIZE = 25;

export async function visitsPage(main, ctx) {
  const current = VIEWS.find(([key]) => key === ctx.query.get('view')) || VIEWS[1];
  const page = Math.max(0, Number(ctx.query.get('page')) || 0);
  const filter = current[2]();
  const result = await api('GET', `/api/v1/visits?${filter}${filter ? '&' : ''}page=${page}&size=${PAGE_SIZE}`);
  const tabs = h('nav', { class: 'tabs', 'aria-label': '工单范围' }, VIEWS.map(([key, label]) =>
    h('a', { href: `#/visits?view=${key}`, 'aria-current': key === current[0] ? 'page' : null }, label)));
  const rows = result.items.map((v) => h('tr', { class: v.overdue ? 'overdue' : null },
    h('td', {}, h('a', { href: `#/visits/${v.id}` }, v.ticketNumber)),
    h('td', {}, v.resident.name),
    h('td', {}, v.serviceType.name),
    h('td', {}, v.village.name),
    h('td', {}, statusBadge(v)),
    h('td', {}, v.assignment ? `${v.assignment.teamName || ''} ${fmt.day(v.assignment.start)} ${fmt.time(v.assignment.start)}` : `希望 ${fmt.date(v.preferredDate)} ${name(PERIOD, v.preferredPeriod)}`),
    h('td', {}, fmt.dateTime(v.dueAt), v.overdue ? [' ', h('span', { class: 'badge bad' }, '逾期')] : null)));
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const link = (p, text) => h('a', { href: `#/visits?view=${current[0]}&page=${p}` }, text);
  fill(main,
    h('h1', {}, '工单'),
    tabs,
    result.items.length === 0
      ? h('p', { class: 'panel muted' }, '没有符合条件的工单。')
      : h('table', { 'aria-label': `${current[1]}工单` },
        h('thead', {}, h('tr', {}, ['工单号', '居民', '事项', '村', '状态', '安排', '办理期限'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)),
    h('div', { class: 'pager' },
      page > 0 ? link(page - 1, '上一页') : null,
      h('span', { class: 'muted' }, `第 ${page + 1} / ${pages} 页，共 ${result.total} 张`),
      page + 1 < pages ? link(page + 1, '下一页') : null));
}

function statusBadge(v) {
  const tone = { COMPLETED: 'ok', SUBMITTED: 'ok', FAILED: 'bad', CANCELLED: '' }[v.status] ?? 'warn';
  return h('span', { class: `badge ${tone}` }, name(STATUS, v.status));
}

export async function visitPage(main, ctx) {
  const { data: visit, response } = await api('GET', `/api/v1/visits/${ctx.params[0]}`, { withResponse: true });
  const etag = response.headers.get('ETag');
  const closed = ['COMPLETED', 'SUBMITTED', 'FAILED'].includes(visit.status);
  const actions = h('div', { class: 'actions' });
  if (visit.allowedActions.includes('CANCEL')) {
    actions.append(h('button', { type: 'button', class: 'danger', onclick: () => showCancel() }, '取消工单'));
  }
  if (visit.status === 'FAILED' && ctx.me.roles.includes('operator')) {
    actions.append(h('a', { class: 'button primary', href: `#/desk?rebook=${visit.id}` }, '重新预约'));
  }
  const cancelBox = h('div');
  const followUps = h('section', { class: 'panel', 'aria-labelledby': 'follow-ups-title' });

  fill(main,
    h('h1', {}, `工单 ${visit.ticketNumber}`),
    h('p', {}, statusBadge(visit), visit.overdue ? [' ', h('span', { class: 'badge bad' }, '已逾期')] : null),
    h('section', { class: 'panel' },
      h('dl', { class: 'facts' },
        h('dt', {}, '居民'), h('dd', {}, `${visit.resident.name}（${visit.resident.idNumberMasked || '已删除'}）`),
        h('dt', {}, '事项'), h('dd', {}, visit.serviceType.name),
        h('dt', {}, '地址'), h('dd', {}, `${visit.village.name} ${visit.address}`),
        h('dt', {}, '来电'), h('dd', {}, `${name(CHANNEL, visit.channel)}：${visit.caller.name}（${name(RELATION, visit.caller.relation)}，${visit.caller.phoneMasked || '已删除'}）`),
        h('dt', {}, '希望上门'), h('dd', {}, `${fmt.date(visit.preferredDate)} ${name(PERIOD, visit.preferredPeriod)}`),
        h('dt', {}, '安排'), h('dd', {}, visit.assignment
          ? `${visit.assignment.teamName || ''}，${fmt.day(visit.assignment.start)} ${fmt.time(visit.assignment.start)}–${fmt.time(visit.assignment.end)}`
          : '尚未安排'),
        h('dt', {}, '办理期限'), h('dd', {}, fmt.dateTime(visit.dueAt), visit.dueAtProvisional ? '（暂定，待明年节假日公布后重算）' : ''),
        visit.notes ? [h('dt', {}, '备注'), h('dd', {}, visit.notes)] : null,
        visit.previousVisitId ? [h('dt', {}, '重新预约自'), h('dd', {}, h('a', { href: `#/visits/${visit.previousVisitId}` }, '原工单'))] : null),
      actions,
      cancelBox),
    h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, '办理经过'),
      h('table', {},
        h('thead', {}, h('tr', {}, ['时间', '经过', '人员', '设备时间', '位置', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, visit.events.map((e) => h('tr', {},
          h('td', {}, fmt.dateTime(e.recordedAt)),
          h('td', {}, name(EVENT, e.type), e.toStatus ? h('span', { class: 'muted' }, ` → ${name(STATUS, e.toStatus)}`) : null),
          h('td', {}, e.actorName || '', e.deviceLabel ? h('div', { class: 'muted' }, e.deviceLabel) : null),
          h('td', {}, e.occurredAt ? fmt.dateTime(e.occurredAt) : ''),
          h('td', {}, e.latitude != null ? `${Number(e.latitude).toFixed(5)}, ${Number(e.longitude).toFixed(5)}${e.accuracyMeters != null ? `（±${Math.round(e.accuracyMeters)} 米）` : ''}` : ''),
          h('td', {}, e.reason || '')))))),
    closed ? followUps : null);

  if (closed) await showFollowUps(followUps, visit, ctx);

  function showCancel() {
    const reason = h('textarea', { rows: 2 });
    const form = h('form', { novalidate: true },
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      field('取消原因', reason, { name: 'reason', hint: '如：居民已自行到村服务中心办理' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'danger' }, '确认取消工单'),
        h('button', { type: 'button', onclick: () => fill(cancelBox) }, '不取消')));
    submitOnEnter(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await busy(form, async () => {
        try {
          await api('POST', `/api/v1/visits/${visit.id}/cancel`, { body: { reason: reason.value.trim() }, headers: { 'If-Match': etag } });
          toast(`工单 ${visit.ticketNumber} 已取消`);
          ctx.go(`/visits/${visit.id}`);
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(cancelBox, form);
    reason.focus();
  }
}

/** The follow-up calls (回访) of a closed visit, and a form for the next one. */
export async function showFollowUps(box, visit, ctx, { onRecorded } = {}) {
  let calls = [];
  try {
    calls = (await api('GET', `/api/v1/visits/${visit.id}/follow-ups`)).items;
  } catch (e) {
    if (!(e instanceof ApiProblem && e.status === 403)) throw e;
  }
  const reached = calls.some((c) => c.reached);
  fill(box,
    h('h2', { id: 'follow-ups-title' }, '回访'),
    calls.length === 0 ? h('p', { class: 'muted' }, '还没有回访。') : h('ul', {}, calls.map((c) => h('li', {},
      `${fmt.dateTime(c.calledAt)}：`,
      c.reached ? `联系上，满意度 ${c.satisfaction} 分，${c.resolved ? '问题已解决' : '问题未解决'}` : '未联系上',
      c.comment ? `（${c.comment}）` : ''))),
    !reached && ctx.me.roles.includes('operator') ? followUpForm(visit, () => (onRecorded ? onRecorded() : ctx.go(`/visits/${visit.id}`))) : null);
}

/** Record one call: reached or not; when reached, satisfaction 1–10 and whether it is resolved. */
export function followUpForm(visit, done) {
  const phone = h('span', { class: 'code', 'aria-live': 'polite' });
  const reveal = h('button', { type: 'button', onclick: async () => {
    reveal.disabled = true;
    try {
      const contact = await api('GET', `/api/v1/residents/${visit.resident.id}/contact`);
      phone.textContent = contact.phone;
      reveal.hidden = true;
    } catch (e) {
      phone.textContent = e instanceof ApiProblem ? e.message : '无法取得号码';
      reveal.disabled = false;
    }
  } }, '显示号码');
  const reachedChoice = choices('是否联系上居民', 'reached', [['true', '联系上'], ['false', '未联系上']], '');
  const satisfaction = select([['', '请选择'], ...Array.from({ length: 10 }, (_, i) => [String(10 - i), `${10 - i} 分`])], '');
  const resolved = choices('问题是否解决', 'resolved', [['true', '已解决'], ['false', '未解决']], '');
  const comment = h('textarea', { rows: 2 });
  const whenReached = h('div', { hidden: true }, field('满意度（1–10 分）', satisfaction, { name: 'satisfaction' }), resolved);
  let lastBody = null;
  let key = null;
  const form = h('form', { novalidate: true, 'aria-label': `回访 ${visit.ticketNumber}` },
    h('p', {}, `居民电话：${visit.resident.name} `, phone, ' ', reveal),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    reachedChoice,
    whenReached,
    field('回访记录', comment, { name: 'comment', hint: '可不填' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '保存回访')));
  reachedChoice.addEventListener('change', () => {
    whenReached.hidden = checked(form, 'reached') !== 'true';
  });
  submitOnEnter(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wasReached = checked(form, 'reached');
    const body = { reached: wasReached === null ? null : wasReached === 'true' };
    if (wasReached === 'true') {
      body.satisfaction = satisfaction.value ? Number(satisfaction.value) : null;
      const res = checked(form, 'resolved');
      body.resolved = res === null ? null : res === 'true';
    }
    if (comment.value.trim()) body.comment = comment.value.trim();
    if (JSON.stringify(body) !== lastBody) {
      lastBody = JSON.stringify(body);
      key = idempotencyKey();
    }
    await busy(form, async () => {
      try {
        await api('POST', `/api/v1/visits/${visit.id}/follow-ups`, { body, headers: { 'Idempotency-Key': key } });
        toast(`已保存 ${visit.ticketNumber} 的回访`);
        done();
      } catch (e) {
        focusFirst(showProblem(form, e));
      }
    });
  });
  return form;
}
