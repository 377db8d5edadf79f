// Setting up a tablet: the admin's one-time code, scanned from the QR code with the tablet's camera or typed;
// then the agent signs in on it.
import { fill, h } from '/console/dom.js';
import { ApiProblem, Offline, enrol, signIn } from './net.js';

/** Shows the API's words next to the field they concern, or over the form. */
export function showProblem(form, error) {
  const alert = form.querySelector('.form-alert');
  form.querySelectorAll('.field .error').forEach((e) => { e.textContent = ''; });
  const errors = error instanceof ApiProblem ? error.errors : [];
  for (const e of errors) {
    const slot = form.querySelector(`[data-field="${e.field}"] .error`);
    if (slot) slot.textContent = e.message;
  }
  alert.textContent = error instanceof Offline ? '没有网络：请到有信号的地方再试' : error.message;
  alert.hidden = false;
  alert.focus();
}

function field(label, input, name, hint) {
  input.id = `f-${name}`;
  input.name = name;
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: input.id }, label), input, hint ? h('div', { class: 'hint' }, hint) : null,
    h('div', { class: 'error', 'aria-live': 'polite' }));
}

let library;

/** Reads the code from a photo of the QR code (html5-qrcode, from our own build, loaded only when needed). */
async function decode(file) {
  if (!library) {
    library = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/webjars/html5-qrcode/2.2.1/html5-qrcode.min.js';
      script.onload = () => resolve(window.__Html5QrcodeLibrary__);
      script.onerror = () => { library = null; reject(new Error('无法加载扫码程序，请输入登记码')); };
      document.head.append(script);
    });
  }
  const { Html5Qrcode } = await library;
  return new Html5Qrcode('qr-reader').scanFile(file, false);
}

export function enrolScreen(main, app) {
  const code = h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    inputmode: 'text', required: true });
  const photo = h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'picker', id: 'qr-photo' });
  const form = h('form', { class: 'panel narrow', novalidate: true },
    h('h1', {}, '登记这台平板'),
    h('p', {}, '请管理员在工作台“平板”页登记这台平板，然后扫描屏幕上的二维码，或输入二维码下方的登记码。'),
    h('div', { class: 'alert form-alert', role: 'alert', tabindex: '-1', hidden: true }),
    h('label', { class: 'button big', for: 'qr-photo' }, '扫描二维码'), photo,
    h('div', { id: 'qr-reader', hidden: true }),
    field('登记码', code, 'enrollmentCode', '例如 7K3M-9QXA-2F4T，不区分大小写'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, '登记')));
  const submit = async () => {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await enrol(code.value);
      app.toast('平板已登记');
      app.go('/sign-in');
    } catch (e) {
      showProblem(form, e);
    } finally {
      button.disabled = false;
    }
  };
  photo.addEventListener('change', async () => {
    if (!photo.files.length) return;
    try {
      code.value = (await decode(photo.files[0])).trim();
      await submit();
    } catch (e) {
      showProblem(form, e instanceof ApiProblem || e instanceof Offline ? e
        : new Error('没有从照片中读到二维码：请对准二维码再拍一次，或输入登记码'));
    } finally {
      photo.value = '';
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  fill(main, form);
  document.title = '登记平板 · 上门办';
  code.focus();
}

export function signInScreen(main, app) {
  const username = h('input', { type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'panel narrow', novalidate: true },
    h('h1', {}, '上门队员登录'),
    h('div', { class: 'alert form-alert', role: 'alert', tabindex: '-1', hidden: true }),
    field('用户名', username, 'username'),
    field('密码', password, 'password'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary big' }, '登录')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await signIn(username.value, password.value);
      app.go('/today');
      app.refresh();
    } catch (e) {
      password.value = '';
      showProblem(form, e);
      if (e instanceof ApiProblem && e.type === 'invalid-device-credentials') app.go('/enrol');
    } finally {
      button.disabled = false;
    }
  });
  fill(main, form);
  document.title = '登录 · 上门办';
  username.focus();
}
