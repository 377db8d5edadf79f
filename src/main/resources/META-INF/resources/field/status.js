// 发送情况: what is still on the tablet, what the server has, and what it refused and why, so that before
// leaving a village the agent sees "all sent" or exactly what is not.
import { fill, h } from '/console/dom.js';
import * as fmt from '/console/format.js';
import { CAPTURE_KIND, EVENT, name } from '/console/words.js';
import { commands, discard, kick, uploadProgress } from './outbox.js';
import * as store from './store.js';

const CONSENT = '人脸采集同意';

/** How many commands are still to go, and how many were refused. */
export async function summary() {
  const all = await commands();
  return { pending: all.filter((c) => c.state === 'queued').length, refused: all.filter((c) => c.state === 'refused').length };
}

/** What a command is, in the agent's words. */
export async function describe(command) {
  if (command.kind === 'event') return name(EVENT, command.body.type);
  if (command.kind === 'consent') return CONSENT;
  const file = await store.get('files', command.fileId);
  return `上传${name(CAPTURE_KIND, file ? file.kind : '')}`;
}

function stateOf(command) {
  if (command.state === 'sent') return h('span', { class: 'chip ok' }, `已发送 ${fmt.time(command.sentAt)}`);
  if (command.state === 'refused') return h('span', { class: 'chip bad' }, '被退回');
  const progress = command.fileId ? uploadProgress(command.fileId) : null;
  if (progress) {
    return h('span', { class: 'chip busy' }, `上传中 ${Math.floor((progress[0] * 100) / Math.max(1, progress[1]))}%`);
  }
  return h('span', { class: 'chip busy' }, command.lastError ? `待发送（${command.lastError}，稍后自动重试）` : '待发送');
}

export async function statusScreen(main) {
  const all = await commands();
  const visits = new Map((await store.all('visits')).map((v) => [v.id, v]));
  const pending = all.filter((c) => c.state === 'queued');
  const refused = all.filter((c) => c.state === 'refused');
  const rows = [];
  for (const command of [...refused, ...pending, ...all.filter((c) => c.state === 'sent').reverse()]) {
    const visit = visits.get(command.visitId);
    rows.push(h('li', { class: command.state },
      h('div', { class: 'grow' },
        h('div', {}, h('strong', {}, await describe(command)), ' · ',
          visit ? `${visit.resident ? visit.resident.name : ''} ${visit.ticketNumber}` : '已不在本平板的工单'),
        h('div', { class: 'muted' }, `记录于 ${fmt.dateTime(command.createdAt)}`),
        command.problem ? h('p', { class: 'problem' }, `服务器退回：${command.problem.detail || command.problem.title}`) : null),
      stateOf(command),
      command.state === 'refused' ? h('button', { type: 'button', onclick: async () => { await discard(command.seq); } },
        '知道了，删除') : null));
  }
  fill(main,
    h('h1', {}, '发送情况'),
    pending.length === 0 && refused.length === 0
      ? h('p', { class: 'alert ok', role: 'status' }, '全部已发送：平板上没有待发送的内容，可以离开。')
      : h('p', { class: 'alert', role: 'status' }, [
        pending.length ? `还有 ${pending.length} 项未发送` : '没有待发送的内容',
        refused.length ? `，${refused.length} 项被服务器退回，请看下面的原因` : '',
        '。',
        pending.length ? '有网络时会按顺序自动发送，请勿清除浏览器数据。' : ''].join('')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', disabled: !navigator.onLine || pending.length === 0, onclick: () => kick() }, '立即发送'),
      h('a', { class: 'button', href: '#/today' }, '返回今日工单')),
    rows.length ? h('ul', { class: 'list', 'aria-label': '发送记录' }, rows) : h('p', { class: 'muted' }, '今天还没有记录。'));
  document.title = '发送情况 · 上门办';
}
