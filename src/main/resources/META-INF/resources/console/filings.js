// Online filings (网上申报) parked after failing too often: the last error, and a retry.
import { api, ApiProblem } from './api.js';
import { fill, h, toast } from './dom.js';
import * as fmt from './format.js';

export async function filingsPage(main, ctx) {
  const parked = await api('GET', '/api/v1/filings?status=FAILED&size=200');
  fill(main,
    h('h1', {}, '网上申报'),
    h('p', { class: 'muted' }, '办结的工单会自动申报到上级系统，失败会自动重试；重试多次仍失败（或被上级系统拒绝）的在这里，查明原因后可以重新申报。'),
    parked.items.length === 0 ? h('p', { class: 'panel muted' }, '没有暂停的申报。') : h('table', { 'aria-label': '暂停的申报' },
      h('thead', {}, h('tr', {}, ['工单号', '尝试次数', '最后的错误', '更新时间', ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, parked.items.map((f) => h('tr', { 'data-filing': f.id },
        h('td', {}, h('a', { href: `#/visits/${f.visitId}` }, f.ticketNumber || f.visitId)),
        h('td', {}, String(f.attempts)),
        h('td', {}, f.lastError || ''),
        h('td', {}, fmt.dateTime(f.updatedAt)),
        h('td', {}, h('button', { type: 'button', onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api('POST', `/api/v1/filings/${f.id}/retry`);
            toast(`已重新申报 ${f.ticketNumber || ''}`);
            ctx.go('/filings');
          } catch (err) {
            e.target.disabled = false;
            toast(err instanceof ApiProblem ? err.message : '无法连接服务器');
          }
        } }, '重新申报')))))));
}
