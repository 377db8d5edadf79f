// The supervisor's daily summary (一日一汇总) and the trend, as figures and charts. The numbers are the
// API's; the console only draws them.
import { api, ApiProblem } from './api.js';
import { fill, h, toast } from './dom.js';
import * as fmt from './format.js';
import { STATUS, name } from './words.js';
import { chart } from './charts.js';

export async function summaryPage(main, ctx) {
  const date = ctx.query.get('date') || fmt.today();
  const s = await api('GET', `/api/v1/reports/daily?date=${date}`);
  const picker = h('input', { type: 'date', value: date, max: fmt.today(), 'aria-label': '日期' });
  picker.addEventListener('change', () => picker.value && ctx.go(`/summary?date=${picker.value}`));
  const t = s.totals;
  const figure = (label, value, key, tone) => h('div', { class: `figure${tone ? ` ${tone}` : ''}`, 'data-total': key },
    h('span', { class: 'value' }, String(value)), h('span', { class: 'label' }, label));
  const f = s.followUps;
  const download = h('button', { type: 'button', onclick: () => downloadCsv(date) }, '下载 CSV');

  fill(main,
    h('h1', {}, `一日一汇总 · ${fmt.date(date)}`),
    h('div', { class: 'toolbar' }, picker, download,
      h('span', { class: 'muted' }, s.asOf && new Date(s.asOf) > new Date(Date.now() - 60000) ? `截至 ${fmt.time(s.asOf)}` : '全天')),
    h('section', { class: 'figures', 'aria-label': '当天合计' },
      figure('受理', t.booked, 'booked'), figure('派单', t.scheduled, 'scheduled'), figure('办结', t.completed, 'completed', 'ok'),
      figure('未办成', t.failed, 'failed'), figure('取消', t.cancelled, 'cancelled'), figure('未办结', t.open, 'open'),
      figure('逾期', t.overdue, 'overdue', t.overdue ? 'bad' : null)),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, chart('各村', 'bar', s.byVillage.map((r) => r.name), [
        { label: '受理', data: s.byVillage.map((r) => r.booked) },
        { label: '办结', data: s.byVillage.map((r) => r.completed) },
        { label: '未办结', data: s.byVillage.map((r) => r.open) },
        { label: '逾期', data: s.byVillage.map((r) => r.overdue) }])),
      h('section', { class: 'panel' }, chart('各小分队', 'bar', s.byTeam.map((r) => r.name || '未派单'), [
        { label: '派单', data: s.byTeam.map((r) => r.scheduled) },
        { label: '办结', data: s.byTeam.map((r) => r.completed) },
        { label: '未办结', data: s.byTeam.map((r) => r.open) },
        { label: '逾期', data: s.byTeam.map((r) => r.overdue) }]))),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, chart('未办结工单的状态', 'bar', ['待安排', '已安排', '在途', '在现场'], [
        { label: '张数', data: [s.openByStatus.requested, s.openByStatus.scheduled, s.openByStatus.enRoute, s.openByStatus.onSite] }])),
      h('section', { class: 'panel', 'aria-labelledby': 'follow-title' },
        h('h2', { id: 'follow-title' }, '回访'),
        h('div', { class: 'figures small' },
          figure('回访电话', f.attempts, 'attempts'), figure('联系上', f.done, 'reached'), figure('已解决', f.resolved, 'resolved'),
          figure('待回访', f.pending, 'pending'),
          figure('平均满意度', f.averageSatisfaction == null ? '—' : f.averageSatisfaction, 'averageSatisfaction')),
        chart('满意度分布', 'bar', Array.from({ length: 10 }, (_, i) => `${i + 1} 分`), [
          { label: '次数', data: f.satisfactionCounts }]))),
    h('section', { class: 'panel', 'aria-labelledby': 'overdue-title' },
      h('h2', { id: 'overdue-title' }, `逾期工单（${s.overdue.length}）`),
      s.overdue.length === 0 ? h('p', { class: 'muted' }, '没有逾期工单。') : h('table', {},
        h('thead', {}, h('tr', {}, ['工单号', '村', '小分队', '状态', '办理期限', '逾期'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, s.overdue.map((o) => h('tr', { class: 'overdue' },
          h('td', {}, h('a', { href: `#/visits/${o.visitId}` }, o.ticketNumber)),
          h('td', {}, o.villageName), h('td', {}, o.teamName || '未派单'), h('td', {}, name(STATUS, o.status)),
          h('td', {}, fmt.dateTime(o.dueAt)),
          h('td', {}, o.daysOverdue > 0 ? `${o.daysOverdue} 天` : `${o.hoursOverdue} 小时`)))))));
}

/** The summary as the CSV file the API writes, saved by the browser. */
async function downloadCsv(date) {
  try {
    const { response } = await api('GET', `/api/v1/reports/daily?date=${date}`, { accept: 'text/csv', withResponse: true });
    const blob = await response.blob();
    const link = h('a', { href: URL.createObjectURL(blob), download: `daily-${date}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (e) {
    toast(e instanceof ApiProblem ? e.message : '无法下载，请重试。');
  }
}

export async function trendPage(main, ctx) {
  const to = ctx.query.get('to') || fmt.today();
  const from = ctx.query.get('from') || shiftDays(to, -29);
  const trend = await api('GET', `/api/v1/reports/trend?from=${from}&to=${to}`);
  const fromBox = h('input', { type: 'date', value: trend.from, max: fmt.today(), 'aria-label': '开始日期' });
  const toBox = h('input', { type: 'date', value: trend.to, max: fmt.today(), 'aria-label': '结束日期' });
  const show = h('button', { type: 'button', onclick: () => ctx.go(`/trend?from=${fromBox.value}&to=${toBox.value}`) }, '查看');
  const quick = (days, label) => h('button', { type: 'button', onclick: () => ctx.go(`/trend?from=${shiftDays(fmt.today(), -(days - 1))}&to=${fmt.today()}`) }, label);
  const labels = trend.days.map((d) => d.date.slice(5).replace('-', '/'));
  fill(main,
    h('h1', {}, '趋势'),
    h('div', { class: 'toolbar' }, fromBox, h('span', {}, '至'), toBox, show, quick(30, '近 30 天'), quick(90, '近 90 天'), quick(365, '近一年')),
    h('p', { class: 'muted' }, `${fmt.date(trend.from)} 至 ${fmt.date(trend.to)}，共 ${trend.days.length} 天。每天的数字与当天的一日一汇总相同；逾期为当天结束时仍逾期的工单。`),
    h('section', { class: 'panel' }, chart('受理、办结与逾期', 'line', labels, [
      { label: '受理', data: trend.days.map((d) => d.booked) },
      { label: '办结', data: trend.days.map((d) => d.completed) },
      { label: '逾期', data: trend.days.map((d) => d.overdue) }])),
    h('section', { class: 'panel' }, chart('平均满意度（1–10 分）', 'line', labels, [
      { label: '平均满意度', data: trend.days.map((d) => (d.averageSatisfaction == null ? null : Number(d.averageSatisfaction))) },
    ], { max: 10 })));
}

function shiftDays(isoDate, days) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
