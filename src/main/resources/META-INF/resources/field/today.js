// 今日工单: the day's visits in route order, each with what the agent needs before knocking: when, where, who,
// what for, the operator's notes, what must be captured, and a button to call the resident or the caller.
import { fill, h } from '/console/dom.js';
import * as fmt from '/console/format.js';
import { CAPTURE_KIND, RELATION, STATUS, name } from '/console/words.js';
import * as store from './store.js';
import { later } from './sync.js';

/** The status the agent sees: what the server said, moved on by what was done here and not sent yet. */
export function shownStatus(visit) {
  if (visit.status === 'CANCELLED') return 'CANCELLED';
  return visit.local && visit.local.status ? later(visit.status, visit.local.status) : visit.status;
}

/** The kinds captured: on the server, or taken here and waiting to go. */
export function capturedKinds(visit) {
  return new Set([...(visit.captured || []), ...((visit.local && visit.local.captured) || [])]);
}

export function callButtons(visit) {
  const buttons = [];
  if (visit.resident && visit.resident.phone) {
    buttons.push(h('a', { class: 'button call', href: `tel:${visit.resident.phone}` }, `拨打居民 ${visit.resident.phone}`));
  }
  if (visit.caller && visit.caller.phone && visit.caller.relation !== 'SELF') {
    buttons.push(h('a', { class: 'button call', href: `tel:${visit.caller.phone}` },
      `拨打来电人 ${visit.caller.name || ''}（${name(RELATION, visit.caller.relation)}）`));
  }
  return buttons;
}

function card(visit) {
  const status = shownStatus(visit);
  const captured = capturedKinds(visit);
  return h('li', { class: `visit ${status.toLowerCase()}${visit.withdrawn ? ' withdrawn' : ''}` },
    h('div', { class: 'when' }, h('strong', {}, fmt.time(visit.start)), h('span', {}, fmt.time(visit.end))),
    h('div', { class: 'grow' },
      h('div', { class: 'title' }, h('strong', {}, visit.resident ? visit.resident.name : '（已删除）'), ' · ',
        visit.village.name, ' · ', visit.service.name,
        h('span', { class: `chip s-${status.toLowerCase()}` }, visit.withdrawn ? '已撤回' : name(STATUS, status))),
      h('div', { class: 'muted' }, visit.address, ' · ', visit.ticketNumber),
      visit.notes ? h('div', { class: 'notes' }, `话务员备注：${visit.notes}`) : null,
      h('ul', { class: 'needs', 'aria-label': '需要采集' }, visit.service.requiredCaptures.map((kind) =>
        h('li', { class: captured.has(kind) ? 'done' : '' }, `${captured.has(kind) ? '✓ ' : ''}${name(CAPTURE_KIND, kind)}`)),
      visit.service.biometric ? h('li', { class: (visit.consents || []).length || (visit.local && visit.local.consent) ? 'done' : '' },
        '人脸采集同意') : null),
      h('div', { class: 'actions' }, ...callButtons(visit),
        h('a', { class: 'button primary', href: `#/visit/${visit.id}` }, status === 'SCHEDULED' ? '开始' : '打开'))));
}

export async function todayScreen(main, app) {
  const today = fmt.today();
  const visits = (await store.all('visits')).sort((a, b) => String(a.start).localeCompare(String(b.start)));
  const todays = visits.filter((v) => v.start && v.start.substring(0, 10) === today);
  const others = visits.filter((v) => !todays.includes(v));
  const lastSync = await store.get('meta', 'lastSync');
  fill(main,
    h('h1', {}, `今日工单 · ${fmt.date(today)}`),
    app.persisted ? null : h('p', { class: 'alert warn', role: 'alert' },
      '浏览器没有允许长期保存本应用的数据：清理浏览器数据会丢失未发送的内容。请把本应用添加到主屏幕，并尽快联网发送。'),
    h('p', { class: 'muted' }, lastSync ? `上次同步 ${fmt.dateTime(lastSync)}` : '还没有同步过：请联网后点“同步”。',
      app.lastError ? `（最近一次同步失败：${app.lastError}）` : ''),
    todays.length ? h('ol', { class: 'visits', 'aria-label': '今日工单' }, todays.map(card))
      : h('p', { class: 'panel muted' }, '今天没有派给本小分队的工单。'),
    others.length ? h('section', {}, h('h2', {}, '其他日期'), h('ol', { class: 'visits', 'aria-label': '其他日期的工单' },
      others.map(card))) : null);
  document.title = '今日工单 · 上门办';
}
