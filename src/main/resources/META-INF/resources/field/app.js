// 上门办 field app: the agent's day on the tablet, offline first. Screens are drawn from what IndexedDB holds;
// the network only sends the queue and brings the day's changes.
import { confirmDialog, fill, h } from '/console/dom.js';
import * as fmt from '/console/format.js';
import { enrolScreen, signInScreen } from './enrol.js';
import { onSessionEnded, signOut } from './net.js';
import { kick, onChange } from './outbox.js';
import { statusScreen, summary } from './status.js';
import * as store from './store.js';
import { prune, sync } from './sync.js';
import { todayScreen } from './today.js';
import { visitScreen } from './visit.js';

const main = document.getElementById('main');
const bar = document.getElementById('bar');
const SYNC_EVERY = 5 * 60 * 1000;

const app = {
  persisted: true,
  syncing: false,
  lastError: null,
  go(path) {
    if (window.location.hash === `#${path}`) route();
    else window.location.hash = path;
  },
  async refresh() {
    if (app.syncing) return;
    app.syncing = true;
    drawBar();
    try {
      await sync();
      app.lastError = null;
    } catch (e) {
      app.lastError = e.message;
    } finally {
      app.syncing = false;
      // a visit being worked on is not drawn again under the agent's hands (a photo under review would go)
      if (window.location.hash.startsWith('#/visit/')) await drawBar();
      else await route();
    }
  },
  toast(message) {
    const box = document.getElementById('toast');
    box.textContent = message;
    box.classList.add('show');
    clearTimeout(app.toastTimer);
    app.toastTimer = setTimeout(() => box.classList.remove('show'), 4000);
  },
};

async function drawBar() {
  const session = await store.get('session', 'agent');
  if (!session) {
    bar.hidden = true;
    return;
  }
  const state = await summary();
  const online = navigator.onLine;
  fill(bar,
    h('a', { class: 'brand', href: '#/today' }, '上门办 · 今日'),
    h('span', { class: `net ${online ? 'on' : 'off'}`, role: 'status' }, online ? '有网络' : '无网络，工作照常，联网后自动发送'),
    h('a', { class: `queue ${state.refused ? 'bad' : state.pending ? 'busy' : 'ok'}`, href: '#/status' },
      [state.pending ? `待发送 ${state.pending} 项` : '', state.refused ? `被退回 ${state.refused} 项` : '']
        .filter(Boolean).join(' · ') || '全部已发送'),
    h('button', { type: 'button', class: 'ghost', disabled: app.syncing || !online, onclick: () => app.refresh() },
      app.syncing ? '同步中…' : '同步'),
    h('span', { class: 'who' }, session.displayName || session.username),
    h('button', { type: 'button', class: 'ghost', onclick: () => leave() }, '退出'));
  bar.hidden = false;
}

async function leave() {
  const state = await summary();
  if (state.pending && !(await confirmDialog(`还有 ${state.pending} 项没有发送，退出后将从平板上删除。确定退出吗？`,
    { confirm: '仍然退出', danger: true }))) return;
  await signOut();
}

async function route() {
  const tablet = await store.get('tablet', 'credentials');
  const session = await store.get('session', 'agent');
  const path = window.location.hash.replace(/^#/, '') || '/today';
  await drawBar();
  if (!tablet) return enrolScreen(main, app);
  if (!session) return signInScreen(main, app);
  const visit = path.match(/^\/visit\/([0-9a-f-]{36})$/);
  if (visit) return visitScreen(main, app, visit[1]);
  if (path === '/status') return statusScreen(main, app);
  return todayScreen(main, app);
}

async function askToKeepData() {
  if (!navigator.storage || !navigator.storage.persist) {
    app.persisted = false;
    return;
  }
  app.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
}

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => {});
  }
  await askToKeepData();
  await prune(fmt.today());
  window.addEventListener('hashchange', route);
  window.addEventListener('online', () => { kick(); app.refresh(); });
  window.addEventListener('offline', drawBar);
  onChange(() => {
    drawBar();
    if (window.location.hash.startsWith('#/status')) route();
  });
  onSessionEnded((reason) => {
    app.toast(reason === 'signed-out' ? '已退出' : '登录已失效，平板上的工作数据已清除，请重新登录');
    app.go('/sign-in');
    route();
  });
  setInterval(() => {
    kick();
    store.get('session', 'agent').then((s) => { if (s && navigator.onLine) app.refresh(); });
  }, SYNC_EVERY);
  await route();
  const session = await store.get('session', 'agent');
  if (session && navigator.onLine) {
    kick();
    app.refresh();
  }
}

start();
