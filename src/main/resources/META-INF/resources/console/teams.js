// Teams (小分队): the villages each covers, its working hours per weekday (a morning and an afternoon
// range, the lunch break between them), its daily maximum, and whether it is in use.
import { api, showProblem } from './api.js';
import { busy, field, fill, focusFirst, h, submitOnEnter, toast } from './dom.js';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DEFAULT_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '08:30', end: '12:00' }, { weekday, start: '14:30', end: '17:30' }]);

export async function teamsPage(main, ctx) {
  const [teams, villages] = (await Promise.all([
    api('GET', '/api/v1/teams?size=200'),
    api('GET', '/api/v1/villages?size=200'),
  ])).map((page) => page.items);
  const villageName = (id) => (villages.find((v) => v.id === id) || {}).name || '';
  const editBox = h('div');

  function editor(team) {
    const nameBox = h('input', { type: 'text', value: team ? team.name : '', autocomplete: 'off' });
    const max = h('input', { type: 'number', min: 1, max: 50, value: team ? team.maxVisitsPerDay : 8 });
    const active = h('input', { type: 'checkbox', checked: team ? team.active : true });
    const covered = h('fieldset', { 'data-field': 'villageIds' }, h('legend', {}, '负责的村'),
      h('div', { class: 'choices' }, villages.map((v) => h('label', {},
        h('input', { type: 'checkbox', name: 'villageIds', value: v.id, checked: team ? team.villageIds.includes(v.id) : false }), v.name))),
      h('div', { class: 'error' }));
    const hours = team ? team.hours : DEFAULT_HOURS;
    const cells = [];
    const grid = h('fieldset', { 'data-field': 'hours' }, h('legend', {}, '工作时间（留空为不上班）'),
      h('table', { class: 'hours-grid' },
        h('thead', {}, h('tr', {}, ['', '上午开始', '上午结束', '下午开始', '下午结束'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, WEEKDAYS.map((day, i) => {
          const ranges = hours.filter((r) => r.weekday === i + 1).sort((a, b) => a.start.localeCompare(b.start));
          const inputs = [0, 1].flatMap((k) => ['start', 'end'].map((end) => h('input', {
            type: 'time', value: ranges[k] ? ranges[k][end].slice(0, 5) : '', 'aria-label': `${day}${k === 0 ? '上午' : '下午'}${end === 'start' ? '开始' : '结束'}`,
          })));
          cells.push({ weekday: i + 1, inputs });
          return h('tr', {}, h('th', { scope: 'row' }, day), inputs.map((input) => h('td', {}, input)));
        }))),
      h('div', { class: 'error' }));
    const form = h('form', { class: 'panel', novalidate: true, tabindex: '-1', 'aria-labelledby': 'team-form' },
      h('h2', { id: 'team-form' }, team ? `修改 ${team.name}` : '新建小分队'),
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('div', { class: 'row' }, field('名称', nameBox, { name: 'name' }), field('每天最多（张）', max, { name: 'maxVisitsPerDay' })),
      covered, grid,
      team ? h('div', { class: 'field', 'data-field': 'active' }, h('label', {}, active, ' 在用'), h('div', { class: 'error' })) : null,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '保存'),
        h('button', { type: 'button', onclick: () => fill(editBox) }, '取消')));
    submitOnEnter(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        name: nameBox.value.trim(),
        maxVisitsPerDay: max.value === '' ? null : Number(max.value),
        villageIds: [...form.querySelectorAll('input[name="villageIds"]:checked')].map((c) => c.value),
        hours: cells.flatMap(({ weekday, inputs }) => [0, 2].filter((k) => inputs[k].value || inputs[k + 1].value)
          .map((k) => ({ weekday, start: inputs[k].value || null, end: inputs[k + 1].value || null }))),
      };
      if (team) body.active = active.checked;
      await busy(form, async () => {
        try {
          if (team) await api('PATCH', `/api/v1/teams/${team.id}`, { body, headers: { 'If-Match': `"${team.version}"` } });
          else await api('POST', '/api/v1/teams', { body });
          toast(`已保存 ${body.name}`);
          ctx.go('/teams');
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(editBox, form);
    form.focus();
  }

  fill(main,
    h('h1', {}, '小分队'),
    editBox,
    h('section', { class: 'panel', 'aria-labelledby': 'team-list' },
      h('h2', { id: 'team-list' }, `本镇的小分队（${teams.length}）`),
      h('table', {},
        h('thead', {}, h('tr', {}, ['名称', '负责的村', '工作时间', '每天最多', '状态', ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, teams.map((t) => h('tr', { 'data-team': t.id },
          h('td', {}, t.name),
          h('td', {}, t.villageIds.map(villageName).join('、')),
          h('td', {}, summariseHours(t.hours)),
          h('td', {}, `${t.maxVisitsPerDay} 张`),
          h('td', {}, t.active ? h('span', { class: 'badge ok' }, '在用') : h('span', { class: 'badge' }, '停用')),
          h('td', {}, h('button', { type: 'button', onclick: () => editor(t) }, '修改')))))),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => editor(null) }, '新建小分队'))));
}

/** 周一至周五 08:30–12:00、14:30–17:30 and the like, grouping weekdays with the same hours. */
function summariseHours(hours) {
  const byDay = WEEKDAYS.map((_, i) => hours.filter((r) => r.weekday === i + 1)
    .sort((a, b) => a.start.localeCompare(b.start)).map((r) => `${r.start.slice(0, 5)}–${r.end.slice(0, 5)}`).join('、'));
  const groups = [];
  byDay.forEach((text, i) => {
    if (!text) return;
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.to === i - 1) last.to = i;
    else groups.push({ from: i, to: i, text });
  });
  return groups.map((g) => `${WEEKDAYS[g.from]}${g.to > g.from ? `至${WEEKDAYS[g.to]}` : ''} ${g.text}`).join('；') || '未设置';
}
