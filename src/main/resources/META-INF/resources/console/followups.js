// Follow-up calls (回访): the closed visits whose resident no call has reached yet, oldest first.
import { api } from './api.js';
import { fill, h } from './dom.js';
import { STATUS, name } from './words.js';
import { followUpForm } from './visits.js';

const PAGE_SIZE = 25;

export async function followUpsPage(main, ctx) {
  const page = Math.max(0, Number(ctx.query.get('page')) || 0);
  const result = await api('GET', `/api/v1/visits?followUp=pending&page=${page}&size=${PAGE_SIZE}`);
  const list = h('ul', { class: 'results', 'aria-label': '待回访工单' }, result.items.map((visit) => {
    const slot = h('div');
    const open = h('button', { type: 'button', class: 'primary', onclick: () => {
      fill(slot, followUpForm(visit, () => ctx.go(`/follow-ups?page=${page}`)));
      open.hidden = true;
      slot.querySelector('input[name="reached"]').focus();
    } }, '记录回访');
    return h('li', {},
      h('div', { class: 'grow' },
        h('div', {}, h('a', { href: `#/visits/${visit.id}` }, visit.ticketNumber), ` · ${visit.resident.name} · ${visit.serviceType.name}`),
        h('div', { class: 'muted' }, `${name(STATUS, visit.status)} · ${visit.village.name} · 来电人 ${visit.caller.name}（${visit.caller.phoneMasked || '无'}）`),
        slot),
      open);
  }));
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  fill(main,
    h('h1', {}, '回访'),
    h('p', { class: 'muted' }, `办结或未办成的工单，在联系上居民之前都在这里。共 ${result.total} 张。`),
    result.items.length === 0 ? h('p', { class: 'panel muted' }, '没有待回访的工单。') : list,
    h('div', { class: 'pager' },
      page > 0 ? h('a', { href: `#/follow-ups?page=${page - 1}` }, '上一页') : null,
      h('span', { class: 'muted' }, `第 ${page + 1} / ${pages} 页`),
      page + 1 < pages ? h('a', { href: `#/follow-ups?page=${page + 1}` }, '下一页') : null));
}
