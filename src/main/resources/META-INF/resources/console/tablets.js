// Tablets (平板): register one and show its one-time enrolment code as a QR code with the time left,
// see every tablet's state and last use, give a tablet that missed its window a new code, revoke a lost one.
import { api, showProblem } from './api.js';
import { busy, confirmDialog, field, fill, focusFirst, h, submitOnEnter, toast } from './dom.js';
import * as fmt from './format.js';
import { DEVICE_STATUS, name } from './words.js';

export async function tabletsPage(main, ctx) {
  const [devices, staff] = await Promise.all([
    api('GET', '/api/v1/devices?size=200'),
    api('GET', '/api/v1/staff?size=200'),
  ]);
  const staffName = (id) => (staff.items.find((s) => s.id === id) || {}).displayName || '';
  const codeBox = h('div');
  const label = h('input', { type: 'text', autocomplete: 'off' });
  const serial = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'register-tablet' },
    h('h2', { id: 'register-tablet' }, '登记新平板'),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('div', { class: 'row' },
      field('名称', label, { name: 'label', hint: '如：永安一队 平板 3' }),
      field('序列号', serial, { name: 'serialNumber', hint: '可不填；见平板背面或“关于本机”' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '登记并生成登记码')));
  submitOnEnter(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { label: label.value.trim() };
    if (serial.value.trim()) body.serialNumber = serial.value.trim();
    await busy(form, async () => {
      try {
        const registration = await api('POST', '/api/v1/devices', { body });
        showCode(registration, body.label);
        label.value = '';
        serial.value = '';
        await refreshList();
      } catch (e) {
        focusFirst(showProblem(form, e));
      }
    });
  });

  const list = h('div');
  async function refreshList(fresh) {
    const current = fresh || await api('GET', '/api/v1/devices?size=200');
    fill(list, current.items.length === 0 ? h('p', { class: 'muted' }, '还没有登记平板。') : h('table', { 'aria-label': '平板' },
      h('thead', {}, h('tr', {}, ['名称', '序列号', '状态', '最后使用', '版本', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, current.items.map((d) => h('tr', { 'data-device': d.id },
        h('td', {}, d.label),
        h('td', {}, d.serialNumber || ''),
        h('td', {}, h('span', { class: `badge ${d.status === 'ACTIVE' ? 'ok' : d.status === 'REVOKED' ? 'bad' : 'warn'}` }, name(DEVICE_STATUS, d.status))),
        h('td', {}, d.lastSeenAt ? `${fmt.dateTime(d.lastSeenAt)} ${staffName(d.lastStaffId)}` : '从未使用'),
        h('td', {}, [d.model, d.osVersion, d.appVersion].filter(Boolean).join(' · ')),
        h('td', {},
          d.status === 'PENDING' ? h('button', { type: 'button', onclick: () => renew(d) }, '重新生成登记码') : null,
          d.status !== 'REVOKED' ? h('button', { type: 'button', class: 'danger', onclick: () => revoke(d) }, '停用') : null))))));
  }

  async function renew(device) {
    try {
      showCode(await api('POST', `/api/v1/devices/${device.id}/enrollment-code`), device.label);
    } catch (e) {
      toast(e.message);
    }
  }

  async function revoke(device) {
    const yes = await confirmDialog(`停用平板“${device.label}”？停用后它立即不能再使用，此操作不能撤销。`, { confirm: '停用', danger: true });
    if (!yes) return;
    try {
      await api('POST', `/api/v1/devices/${device.id}/revoke`);
      toast(`平板“${device.label}”已停用`);
      await refreshList();
    } catch (e) {
      toast(e.message);
    }
  }

  let ticking = null;
  ctx.onLeave(() => clearInterval(ticking));
  function showCode(registration, deviceLabel) {
    clearInterval(ticking);
    const left = h('span', { class: 'badge warn' });
    const qr = h('img', { src: registration.enrollmentQrCode, alt: `平板登记码 ${registration.enrollmentCode} 的二维码`, width: 240, height: 240 });
    const box = h('section', { class: 'panel', 'aria-labelledby': 'code-title', tabindex: '-1' },
      h('h2', { id: 'code-title' }, `“${deviceLabel}”的登记码`),
      h('div', { class: 'qr' },
        qr,
        h('div', {},
          h('p', {}, '在平板的上门办应用中扫描二维码，或输入：'),
          h('p', { class: 'code', 'data-enrollment-code': '' }, registration.enrollmentCode),
          h('p', {}, '剩余时间 ', left),
          h('p', { class: 'muted' }, '登记码只显示这一次，只能使用一次。'))));
    const tick = () => {
      const seconds = (new Date(registration.enrollmentExpiresAt) - Date.now()) / 1000;
      if (seconds <= 0) {
        clearInterval(ticking);
        left.textContent = '已过期';
        left.className = 'badge bad';
        qr.hidden = true;
        box.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => renew({ id: registration.id, label: deviceLabel }) }, '重新生成登记码')));
        return;
      }
      left.textContent = fmt.countdown(seconds);
    };
    tick();
    ticking = setInterval(tick, 1000);
    fill(codeBox, box);
    box.focus();
  }

  fill(main, h('h1', {}, '平板'), form, codeBox, h('section', { class: 'panel', 'aria-labelledby': 'tablet-list' }, h('h2', { id: 'tablet-list' }, '本镇平板'), list));
  await refreshList(devices);
  label.focus();
}
