// The audit trail (审计): who did what, when, with filters; and checking the chain, whose head hash is
// worth writing down on paper.
import { api, ApiProblem } from './api.js';
import { field, fill, h } from './dom.js';
import * as fmt from './format.js';

const PAGE_SIZE = 50;

export async function auditPage(main, ctx) {
  const q = ctx.query;
  const page = Math.max(0, Number(q.get('page')) || 0);
  const params = new URLSearchParams();
  if (q.get('actor')) params.set('actor', q.get('actor'));
  if (q.get('action')) params.set('action', q.get('action'));
  if (q.get('from')) params.set('from', `${q.get('from')}T00:00:00${fmt.offsetOn(q.get('from'))}`);
  if (q.get('to')) params.set('to', nextDayStart(q.get('to')));
  params.set('page', page);
  params.set('size', PAGE_SIZE);
  // the actions and their words come from the API, the one list the trail is written with
  const [trail, actions] = await Promise.all([api('GET', `/api/v1/audit?${params}`), api('GET', '/api/v1/audit/actions')]);
  const ACTIONS = Object.fromEntries(actions.map((a) => [a.code, a.label]));

  const actor = h('input', { type: 'text', value: q.get('actor') || '', autocomplete: 'off' });
  const action = h('select', {}, h('option', { value: '' }, '全部'),
    Object.entries(ACTIONS).map(([code, label]) => h('option', { value: code, selected: code === q.get('action') }, label)));
  const from = h('input', { type: 'date', value: q.get('from') || '' });
  const to = h('input', { type: 'date', value: q.get('to') || '' });
  const filters = h('form', { class: 'panel', role: 'search' },
    h('div', { class: 'row' },
      field('人员（用户名）', actor, { name: 'actor' }), field('操作', action, { name: 'action' }),
      field('从', from, { name: 'from' }), field('到', to, { name: 'to' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '筛选')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [key, el] of Object.entries({ actor, action, from, to })) if (el.value) next.set(key, el.value.trim());
    ctx.go(`/audit?${next}`);
  });

  const result = h('div', { 'aria-live': 'polite' });
  const county = ctx.me.roles.includes('county_admin');
  const verify = h('button', { type: 'button', onclick: async () => {
    verify.disabled = true;
    fill(result, h('p', { class: 'loading' }, '正在逐条核验…'));
    try {
      const v = await api('GET', '/api/v1/audit/verify');
      fill(result, v.valid
        ? h('div', { class: 'alert ok' }, h('p', {}, `审计链完整：${county ? '全县' : '本镇'}共 ${v.entries} 条，没有被改动、删除或插入的记录。`),
          h('p', {}, '链头哈希（请抄录或打印，与下次核验的结果比对）：'), h('p', { class: 'code hash', 'data-head': v.head }, v.head),
          h('p', { class: 'muted' }, `核验时间 ${fmt.dateTime(new Date())}`))
        : h('div', { class: 'alert' }, `审计链在第 ${v.firstBrokenId} 条处断开（${v.reason === 'hash mismatch' ? '该条记录被改动' : '之前有记录被删除或插入'}），${county ? '' : '本镇'}之前的 ${v.entries} 条完整。请立即报告。`));
    } catch (e) {
      fill(result, h('p', { class: 'error' }, e instanceof ApiProblem ? e.message : '无法连接服务器'));
    } finally {
      verify.disabled = false;
    }
  } }, '核验审计链');

  const pages = Math.max(1, Math.ceil(trail.total / PAGE_SIZE));
  const pageLink = (p, text) => {
    const next = new URLSearchParams(q);
    next.set('page', p);
    return h('a', { href: `#/audit?${next}` }, text);
  };
  fill(main,
    h('h1', {}, '审计'),
    h('section', { class: 'panel', 'aria-labelledby': 'chain-title' }, h('h2', { id: 'chain-title' }, '审计链'),
      h('p', { class: 'muted' }, county
        ? '每条记录都连着前一条的哈希；核验会从全县第一条起逐条重算。每人每分钟可核验一次。'
        : '每条记录都连着前一条的哈希；核验会逐条重算本镇的记录，并核对每条与前一条的衔接。每人每分钟可核验一次。'), verify, result),
    filters,
    trail.items.length === 0 ? h('p', { class: 'panel muted' }, '没有符合条件的记录。') : h('table', { 'aria-label': '审计记录' },
      h('thead', {}, h('tr', {}, ['时间', '人员', '操作', '对象', '详情'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, trail.items.map((e) => h('tr', {},
        h('td', {}, fmt.dateTime(e.occurredAt)),
        h('td', {}, e.actorUsername || '—'),
        h('td', {}, ACTIONS[e.action] || e.action),
        h('td', {}, e.targetType ? `${e.targetType} ${e.targetId || ''}` : ''),
        h('td', { class: 'details' }, Object.entries(e.details || {}).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('；')))))),
    h('div', { class: 'pager' },
      page > 0 ? pageLink(page - 1, '上一页') : null,
      h('span', { class: 'muted' }, `第 ${page + 1} / ${pages} 页，共 ${trail.total} 条`),
      page + 1 < pages ? pageLink(page + 1, '下一页') : null));
}

function nextDayStart(isoDate) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const next = d.toISOString().slice(0, 10);
  return `${next}T00:00:00${fmt.offsetOn(next)}`;
}
