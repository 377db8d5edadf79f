// Staff (人员): the town's accounts; create one, change roles, team or password, deactivate. Teams
// themselves are edited on the dispatcher's pages.
import { api, showProblem } from './api.js';
import { busy, field, fill, focusFirst, h, select, submitOnEnter, toast } from './dom.js';
import { ROLE } from './words.js';

export async function staffPage(main, ctx) {
  const [staff, teams] = await Promise.all([
    api('GET', '/api/v1/staff?size=200'),
    api('GET', '/api/v1/teams?size=200'),
  ]);
  const teamName = (id) => (teams.items.find((t) => t.id === id) || {}).name || '';
  const teamOptions = [['', '不属于小分队'], ...teams.items.map((t) => [t.id, t.name])];
  const editBox = h('div');

  function roleBoxes(name, selected) {
    return h('fieldset', { 'data-field': 'roles' },
      h('legend', {}, '角色'),
      h('div', { class: 'choices' }, Object.entries(ROLE).map(([code, label]) => h('label', {},
        h('input', { type: 'checkbox', name, value: code, checked: selected.includes(code) }), label))),
      h('div', { class: 'error', 'aria-live': 'polite' }));
  }
  const rolesOf = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);

  // Sign-in names are shared by the whole county, so each town's begin with its own prefix.
  const prefix = `${ctx.me.town.code.toLowerCase()}.`;
  const inputs = {
    username: h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', value: prefix }),
    displayName: h('input', { type: 'text', autocomplete: 'off' }),
    phone: h('input', { type: 'tel', autocomplete: 'off' }),
    teamId: select(teamOptions, ''),
    password: h('input', { type: 'password', autocomplete: 'new-password' }),
  };
  const create = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'new-staff' },
    h('h2', { id: 'new-staff' }, '新建账号'),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('div', { class: 'row' },
      field('用户名', inputs.username, { name: 'username', hint: `以 ${prefix} 开头；小写字母、数字、点、下划线或连字符` }),
      field('姓名', inputs.displayName, { name: 'displayName' }),
      field('电话', inputs.phone, { name: 'phone', hint: '可不填' })),
    roleBoxes('newRoles', []),
    h('div', { class: 'row' },
      field('小分队', inputs.teamId, { name: 'teamId', hint: '上门队员必须属于一个小分队' }),
      field('初始密码', inputs.password, { name: 'password', hint: '至少 10 个字符' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '新建')));
  submitOnEnter(create);
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      username: inputs.username.value.trim(),
      displayName: inputs.displayName.value.trim(),
      roles: rolesOf(create, 'newRoles'),
      password: inputs.password.value,
    };
    if (inputs.phone.value.trim()) body.phone = inputs.phone.value.trim();
    if (inputs.teamId.value) body.teamId = inputs.teamId.value;
    await busy(create, async () => {
      try {
        const member = await api('POST', '/api/v1/staff', { body });
        toast(`已新建账号 ${member.username}`);
        ctx.go('/admin/staff');
      } catch (e) {
        focusFirst(showProblem(create, e));
      }
    });
  });

  function edit(member) {
    const change = {
      displayName: h('input', { type: 'text', value: member.displayName }),
      phone: h('input', { type: 'tel', value: member.phone || '' }),
      teamId: select(teamOptions, member.teamId || ''),
      password: h('input', { type: 'password', autocomplete: 'new-password' }),
    };
    const active = h('input', { type: 'checkbox', checked: member.active });
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'edit-staff', tabindex: '-1' },
      h('h2', { id: 'edit-staff' }, `修改 ${member.username}`),
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('div', { class: 'row' },
        field('姓名', change.displayName, { name: 'displayName' }),
        field('电话', change.phone, { name: 'phone' })),
      roleBoxes('editRoles', member.roles),
      h('div', { class: 'row' },
        field('小分队', change.teamId, { name: 'teamId' }),
        field('新密码', change.password, { name: 'password', hint: '不改密码请留空' })),
      h('div', { class: 'field', 'data-field': 'active' }, h('label', {}, active, ' 账号可用'), h('div', { class: 'error' })),
      h('p', { class: 'muted' }, '改变角色、小分队、密码或停用账号后，此人需要重新登录。'),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, '保存'),
        h('button', { type: 'button', onclick: () => fill(editBox) }, '取消')));
    submitOnEnter(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        displayName: change.displayName.value.trim(),
        phone: change.phone.value.trim(),
        roles: rolesOf(form, 'editRoles'),
        active: active.checked,
      };
      if (change.teamId.value && change.teamId.value !== member.teamId) body.teamId = change.teamId.value;
      if (change.password.value) body.password = change.password.value;
      await busy(form, async () => {
        try {
          await api('PATCH', `/api/v1/staff/${member.id}`, { body, headers: { 'If-Match': `"${member.version}"` } });
          toast(`已保存 ${member.username}`);
          ctx.go('/admin/staff');
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(editBox, form);
    form.focus();
  }

  fill(main,
    h('h1', {}, '人员'),
    editBox,
    h('section', { class: 'panel', 'aria-labelledby': 'staff-list' },
      h('h2', { id: 'staff-list' }, `本镇账号（${staff.total}）`),
      h('table', {},
        h('thead', {}, h('tr', {}, ['用户名', '姓名', '角色', '小分队', '状态', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, staff.items.map((m) => h('tr', {},
          h('td', {}, m.username),
          h('td', {}, m.displayName),
          h('td', {}, m.roles.map((r) => ROLE[r] || r).join('、')),
          h('td', {}, teamName(m.teamId)),
          h('td', {}, m.active ? h('span', { class: 'badge ok' }, '可用') : h('span', { class: 'badge bad' }, '已停用')),
          h('td', {}, h('button', { type: 'button', onclick: () => edit(m) }, '修改'))))))),
    create);
}
