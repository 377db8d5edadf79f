// Residents' rights requests (个人信息权利申请): the supervisor's list, open ones by deadline with the overdue
// first, each closed as done or refused with the reason the resident is told; and the operator's form to record
// one while the resident is on the line.
import { api, clearProblem, download, showProblem } from './api.js';
import { busy, field, fill, focusFirst, h, select, submitOnEnter, toast } from './dom.js';
import * as fmt from './format.js';
import { IDENTITY_CHECK, RELATION, REQUEST_STATUS, RIGHT, name } from './words.js';

const PAGE_SIZE = 50;

export async function rightsPage(main, ctx) {
  const status = ctx.query.get('status') || 'OPEN';
  const result = await api('GET', `/api/v1/rights-requests?${status === 'ALL' ? '' : `status=${status}&`}size=${PAGE_SIZE}`);
  const supervisor = ctx.me.roles.includes('supervisor');
  const list = h('ul', { class: 'results', 'aria-label': '权利申请' }, result.items.map((r) => {
    const slot = h('div');
    const actions = supervisor && r.status === 'OPEN' ? h('div', { class: 'actions' },
      carryOut(r, slot),
      h('button', { type: 'button', onclick: () => refuse(r, slot) }, '拒绝…')) : null;
    return h('li', { class: r.overdue ? 'overdue' : '' },
      h('div', { class: 'grow' },
        h('div', {}, h('strong', {}, name(RIGHT, r.kind)), ` · ${name(REQUEST_STATUS, r.status)}`,
          r.overdue ? h('span', { class: 'badge bad' }, '已超期') : null),
        h('div', { class: 'muted' }, `${r.requestedBy === 'SELF' ? '居民本人' : `${r.requesterName}（${name(RELATION, r.requestedBy)}）`}`
          + ` · ${name(IDENTITY_CHECK, r.identityCheck)} · 受理 ${fmt.dateTime(r.receivedAt)} · 期限 ${fmt.dateTime(r.dueAt)}`),
        r.details ? h('div', {}, r.details) : null,
        r.reason ? h('div', {}, `拒绝理由：${r.reason}`) : null,
        slot),
      actions);
  }));

  // Each right is done by carrying it out on its request, which closes it; only a correction is closed by hand.
  function carryOut(r, slot) {
    switch (r.kind) {
      case 'ACCESS_COPY':
        return h('button', { type: 'button', class: 'primary', onclick: (event) => copy(r, event.currentTarget) }, '制作副本');
      case 'DELETION':
        return h('button', { type: 'button', class: 'primary', onclick: () => confirmErasure(r, slot) }, '删除个人信息…');
      case 'CONSENT_WITHDRAWAL':
        return h('span', { class: 'muted' }, '由话务员在受理台找到居民后撤回');
      default:
        return h('button', { type: 'button', class: 'primary', onclick: () => close(r, 'DONE') }, '已办结');
    }
  }

  async function copy(r, button) {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await download(`/api/v1/residents/${r.residentId}/access-copy?files=true&requestId=${r.id}`,
        `access-copy-${r.residentId}.zip`, 'application/zip');
      toast('副本已下载，申请已办结；请交付居民');
      ctx.go(`/rights?status=${status}`);
    } catch (e) {
      button.disabled = false;
      showProblem(main, e);
    }
  }

  function confirmErasure(r, slot) {
    const confirm = h('button', { type: 'submit', class: 'primary' }, '确认删除');
    const form = h('form', { novalidate: true },
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('p', {}, '删除后，居民的身份证号、电话、姓名、地址和所有采集材料将无法恢复；统计数字不变。'),
      h('div', { class: 'actions' }, confirm));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      await busy(form, async () => {
        try {
          await api('POST', `/api/v1/residents/${r.residentId}/erasure`, { body: { requestId: r.id } });
          toast('已删除个人信息，申请已办结');
          ctx.go(`/rights?status=${status}`);
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(slot, form);
    confirm.focus();
  }

  async function close(r, outcome, reason) {
    try {
      await api('POST', `/api/v1/rights-requests/${r.id}/close`, { body: reason ? { outcome, reason } : { outcome },
        headers: { 'If-Match': `"${r.version}"` } });
      toast(outcome === 'DONE' ? '已办结' : '已拒绝，请将理由告知居民');
      ctx.go(`/rights?status=${status}`);
    } catch (e) {
      showProblem(main, e);
    }
  }

  function refuse(r, slot) {
    const reason = h('textarea', { rows: 2 });
    const form = h('form', { novalidate: true },
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      field('拒绝的法定理由（将告知居民）', reason, { name: 'reason' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '确认拒绝')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      await busy(form, async () => {
        try {
          await api('POST', `/api/v1/rights-requests/${r.id}/close`, { body: { outcome: 'REFUSED', reason: reason.value.trim() },
            headers: { 'If-Match': `"${r.version}"` } });
          toast('已拒绝，请将理由告知居民');
          ctx.go(`/rights?status=${status}`);
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(slot, form);
    reason.focus();
  }

  const tabs = h('div', { class: 'pager' }, ...[['OPEN', '办理中'], ['ALL', '全部']].map(([code, label]) => code === status
    ? h('strong', {}, label) : h('a', { href: `#/rights?status=${code}` }, label)));
  fill(main,
    h('h1', {}, '权利申请'),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('p', { class: 'muted' }, `居民查阅、更正、撤回同意和删除个人信息的申请；超期的排在最前。共 ${result.total} 件。`),
    tabs,
    result.items.length === 0 ? h('p', { class: 'panel muted' }, '没有申请。') : list);
}

/** The operator's form for a resident on the line; {@code done} gets the recorded request. */
export function rightsRequestForm(resident, done) {
  const inputs = {
    kind: select([['', '请选择'], ...Object.entries(RIGHT)], ''),
    requestedBy: select(Object.entries(RELATION), 'SELF'),
    requesterName: h('input', { type: 'text', autocomplete: 'off' }),
    identityCheck: select([['', '请选择'], ...Object.entries(IDENTITY_CHECK)], ''),
    details: h('textarea', { rows: 2 }),
  };
  const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'rights-title' },
    h('h2', { id: 'rights-title' }, `记录${resident.name}的个人信息权利申请`),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('div', { class: 'row' },
      field('申请事项', inputs.kind, { name: 'kind' }),
      field('申请人', inputs.requestedBy, { name: 'requestedBy' }),
      field('代为申请人姓名', inputs.requesterName, { name: 'requesterName', hint: '居民本人申请时不填' })),
    field('如何核实身份', inputs.identityCheck, { name: 'identityCheck' }),
    field('申请内容', inputs.details, { name: 'details', hint: '居民的原话，不必记录号码' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '记录申请')));
  submitOnEnter(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = { kind: inputs.kind.value || null, requestedBy: inputs.requestedBy.value,
      identityCheck: inputs.identityCheck.value || null };
    if (inputs.requesterName.value.trim()) body.requesterName = inputs.requesterName.value.trim();
    if (inputs.details.value.trim()) body.details = inputs.details.value.trim();
    await busy(form, async () => {
      try {
        done(await api('POST', `/api/v1/residents/${resident.id}/rights-requests`, { body }));
      } catch (e) {
        focusFirst(showProblem(form, e));
      }
    });
  });
  return form;
}
