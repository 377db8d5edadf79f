// Working calendar (工作日历): the days of a year that differ from the plain week — public holidays and
// the weekend days worked in their place (调休) — which deadlines and dispatch count on.
import { api, showProblem } from './api.js';
import { busy, checked, choices, confirmDialog, field, fill, focusFirst, h, submitOnEnter, toast } from './dom.js';
import * as fmt from './format.js';
import { DAY_KIND, name } from './words.js';

export async function calendarPage(main, ctx) {
  const thisYear = Number(fmt.today().slice(0, 4));
  const year = Number(ctx.query.get('year')) || thisYear;
  const days = await api('GET', `/api/v1/calendar?year=${year}`);

  const day = h('input', { type: 'date', min: `${year}-01-01`, max: `${year}-12-31` });
  const label = h('input', { type: 'text', autocomplete: 'off' });
  const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'add-day' },
    h('h2', { id: 'add-day' }, '添加或修改一天'),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('div', { class: 'row' },
      field('日期', day, { name: 'day' }),
      h('div', { class: 'field' }, choices('类型', 'kind', Object.entries(DAY_KIND), 'HOLIDAY')),
      field('名称', label, { name: 'name', hint: '如：国庆节' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '保存')));
  submitOnEnter(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await busy(form, async () => {
      try {
        if (!day.value) {
          throw Object.assign(new Error('请选择日期'), { missingDay: true });
        }
        await api('PUT', `/api/v1/calendar/${day.value}`, { body: { kind: checked(form, 'kind'), name: label.value.trim() } });
        toast(`已保存 ${fmt.date(day.value)}`);
        ctx.go(`/admin/calendar?year=${day.value.slice(0, 4)}`);
      } catch (e) {
        if (e.missingDay) {
          const box = form.querySelector('[data-field="day"]');
          box.classList.add('invalid');
          box.querySelector('.error').textContent = '请选择日期';
          day.focus();
          return;
        }
        focusFirst(showProblem(form, e));
      }
    });
  });

  async function remove(entry) {
    const yes = await confirmDialog(`删除 ${fmt.date(entry.day)}（${entry.name}）？删除后这天按普通的周一至周五上班、周末休息计算。`, { confirm: '删除', danger: true });
    if (!yes) return;
    try {
      await api('DELETE', `/api/v1/calendar/${entry.day}`);
      toast(`已删除 ${fmt.date(entry.day)}`);
      ctx.go(`/admin/calendar?year=${year}`);
    } catch (e) {
      toast(e.message);
    }
  }

  fill(main,
    h('h1', {}, '工作日历'),
    h('nav', { class: 'tabs', 'aria-label': '年份' }, [thisYear - 1, thisYear, thisYear + 1].map((y) =>
      h('a', { href: `#/admin/calendar?year=${y}`, 'aria-current': y === year ? 'page' : null }, `${y} 年`))),
    h('p', { class: 'muted' }, '未列出的日子：周一至周五上班，周六、周日休息。办理期限和派单都按此计算。'),
    h('section', { class: 'panel', 'aria-labelledby': 'year-days' },
      h('h2', { id: 'year-days' }, `${year} 年的节假日与调休`),
      days.length === 0
        ? h('p', { class: 'alert info' }, `还没有 ${year} 年的节假日安排。国务院办公厅公布后请在下面添加；在此之前，落在 ${year} 年的办理期限为暂定。`)
        : h('table', {},
          h('thead', {}, h('tr', {}, ['日期', '类型', '名称', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, days.map((entry) => h('tr', {},
            h('td', {}, fmt.date(entry.day)),
            h('td', {}, h('span', { class: `badge ${entry.kind === 'HOLIDAY' ? 'ok' : 'warn'}` }, name(DAY_KIND, entry.kind))),
            h('td', {}, entry.name),
            h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => remove(entry) }, '删除'))))))),
    form);
}
