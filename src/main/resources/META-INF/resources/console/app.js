// The console's shell: sign-in, the header with each role's pages, and the router between them.
import { api, ApiProblem, onSignedOut, resume, showProblem, signIn, signOut } from './api.js';
import { fill, h, field, toast } from './dom.js';
import { useZone } from './format.js';
import { ROLE } from './words.js';
import { deskPage } from './desk.js';
import { visitsPage, visitPage } from './visits.js';
import { followUpsPage } from './followups.js';
import { tabletsPage } from './tablets.js';
import { staffPage } from './staff.js';
import { calendarPage } from './calendar.js';
import { boardPage } from './board.js';
import { teamsPage } from './teams.js';
import { summaryPage, trendPage } from './summary.js';
import { auditPage } from './audit.js';
import { filingsPage } from './filings.js';
import { rightsPage } from './rights.js';
import { privacyTextsPage } from './privacy.js';

/**
 * The pages, each with the roles whose work it is. The roles only choose which links the header shows
 * and where a role lands; what a role may see and do is decided by the API on every request.
 */
const PAGES = [
  { path: '/desk', title: '受理', roles: ['operator'], view: deskPage },
  { path: '/board', title: '调度台', roles: ['dispatcher'], view: boardPage },
  { path: '/summary', title: '一日一汇总', roles: ['supervisor'], view: summaryPage },
  { path: '/trend', title: '趋势', roles: ['supervisor'], view: trendPage },
  { path: '/visits', title: '工单', roles: ['operator', 'dispatcher', 'supervisor'], view: visitsPage },
  { path: '/follow-ups', title: '回访', roles: ['operator'], view: followUpsPage },
  { path: '/teams', title: '小分队', roles: ['dispatcher', 'admin'], view: teamsPage },
  { path: '/filings', title: '申报', roles: ['supervisor'], view: filingsPage },
  { path: '/rights', title: '权利申请', roles: ['supervisor'], view: rightsPage },
  { path: '/audit', title: '审计', roles: ['supervisor', 'admin'], view: auditPage },
  { path: '/admin/tablets', title: '平板', roles: ['admin'], view: tabletsPage },
  { path: '/admin/staff', title: '人员', roles: ['admin'], view: staffPage },
  { path: '/admin/calendar', title: '工作日历', roles: ['county_admin'], view: calendarPage },
  { path: '/admin/privacy-texts', title: '告知文本', roles: ['admin', 'county_admin'], view: privacyTextsPage },
];
/** Where each role starts: its main page. */
const HOMES = { operator: '/desk', dispatcher: '/board', supervisor: '/summary', admin: '/admin/tablets', county_admin: '/admin/calendar' };

function homeOf(roles) {
  const role = Object.keys(HOMES).find((r) => roles.includes(r));
  return role ? PAGES.find((p) => p.path === HOMES[role]) : null;
}

const DETAIL_PAGES = [{ pattern: /^\/visits\/([0-9a-f-]{36})$/, title: '工单', view: visitPage }];

const main = document.getElementById('main');
const top = document.getElementById('top');
let me = null;
let leaving = [];

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, query = ''] = hash.split('?');
  return { path, query: new URLSearchParams(query) };
}

export function go(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function mine(page) {
  return page.roles.some((role) => me.roles.includes(role));
}

async function render() {
  leaving.forEach((fn) => fn());
  leaving = [];
  if (!me) return;
  const { path, query } = route();
  let page = PAGES.find((p) => p.path === path);
  let params = [];
  if (!page) {
    for (const detail of DETAIL_PAGES) {
      const match = path.match(detail.pattern);
      if (match) {
        page = detail;
        params = match.slice(1);
      }
    }
  }
  if (!page) {
    const home = homeOf(me.roles);
    if (home) {
      location.replace(`#${home.path}`);
      return;
    }
    fill(main, h('h1', { tabindex: '-1' }, '工作台'), h('p', { class: 'alert info' }, '您的角色在工作台上没有页面；上门队员请使用平板。'));
    return;
  }
  document.title = `${page.title} · 上门办工作台`;
  top.querySelectorAll('nav a').forEach((a) => {
    if (a.getAttribute('href') === `#${page.path || ''}` || (page.pattern && a.getAttribute('href') === '#/visits')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  fill(main, h('p', { class: 'loading' }, '正在加载…'));
  const ctx = { me, params, query, onLeave: (fn) => leaving.push(fn), go };
  try {
    await page.view(main, ctx);
  } catch (e) {
    showFailure(e);
  }
  if (!main.contains(document.activeElement) || document.activeElement === document.body) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
}

/** A page that could not be shown: the API's reason, in its words. */
export function showFailure(e) {
  let message = '无法连接服务器，请检查网络后刷新。';
  if (e instanceof ApiProblem) {
    if (e.status === 403) message = '您没有权限访问此页面。';
    else if (e.status === 404) message = '没有找到这项内容，或它不属于本镇。';
    else message = e.message;
  } else {
    console.warn(e);
  }
  fill(main, h('h1', { tabindex: '-1' }, '无法显示'), h('p', { class: 'alert', role: 'alert' }, message));
}

function header() {
  const links = PAGES.filter(mine).map((p) => h('a', { href: `#${p.path}` }, p.title));
  const out = h('button', { type: 'button', onclick: async () => {
    try {
      await signOut();
    } finally {
      me = null;
      // The next person to sign in starts on their own home page, not on the last one's.
      history.replaceState(null, '', '/');
      toast('已退出登录');
      showSignIn();
    }
  } }, '退出');
  fill(top,
    h('div', { class: 'brand' }, `上门办 · ${me.town.name}`),
    h('nav', { 'aria-label': '主要页面' }, links),
    h('div', { class: 'who' }, h('span', {}, `${me.displayName}（${me.roles.map((r) => ROLE[r] || r).join('、')}）`), out));
  top.hidden = false;
}

async function enter() {
  me = await api('GET', '/api/v1/me');
  useZone(me.town.timeZone);
  header();
  await render();
}

function showSignIn(notice) {
  top.hidden = true;
  fill(top);
  document.title = '登录 · 上门办工作台';
  const username = h('input', { type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, '登录');
  const form = h('form', { class: 'panel', novalidate: true },
    notice ? h('p', { class: 'alert info' }, notice) : null,
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    field('用户名', username, { name: 'username' }),
    field('密码', password, { name: 'password' }),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await signIn(username.value.trim(), password.value);
      password.value = '';
      await enter();
    } catch (e) {
      const focus = showProblem(form, e);
      password.value = '';
      (focus && focus.tagName !== 'DIV' ? focus : password).focus();
    } finally {
      button.disabled = false;
    }
  });
  fill(main, h('div', { class: 'signin' }, h('h1', {}, '上门办工作台'), form));
  username.focus();
}

onSignedOut(() => {
  me = null;
  showSignIn('登录已过期或已在别处退出，请重新登录。');
});

window.addEventListener('hashchange', () => render());

(async () => {
  try {
    if (await resume()) await enter();
    else showSignIn();
  } catch (e) {
    showSignIn('暂时无法连接服务器，请稍后重试。');
  }
})();
