// At the door: depart, arrive, the resident's consent with a signature drawn on screen, the captures the service
// needs (taken with the camera, shown back for a retake, shrunk before they are kept), then complete, or fail
// with the reason. All of it works with no network: each step is kept on the tablet and queued to be sent.
import { fill, h } from '/console/dom.js';
import * as fmt from '/console/format.js';
import { CAPTURE_KIND, STATUS, name } from '/console/words.js';
import { DOCUMENT_KINDS, position, prepare, sha256, signaturePad } from './capture.js';
import { enqueue } from './outbox.js';
import * as store from './store.js';
import { later } from './sync.js';
import { callButtons, capturedKinds, shownStatus } from './today.js';

const GUARDIAN_RELATION = {
  SPOUSE: '配偶', CHILD: '子女', PARENT: '父母', SIBLING: '兄弟姐妹', RELATIVE: '其他亲属', LEGAL_GUARDIAN: '法定监护人', OTHER: '其他',
};
const FAIL_REASONS = ['居民不在家，电话未接通', '居民不同意采集人脸', '材料不齐全', '居民已自行办理'];

async function changeLocal(visitId, change) {
  const visit = await store.get('visits', visitId);
  await store.put('visits', { ...visit, local: change({ captured: [], ...(visit.local || {}) }) });
}

/** Records an event with the tablet's time and position (a refused or failed fix is recorded as such). */
async function report(visit, type, reason) {
  const occurredAt = new Date().toISOString();
  const where = await position();
  const body = { type, occurredAt, location: where.location };
  if (where.location === 'FIXED') Object.assign(body, { latitude: where.latitude, longitude: where.longitude, accuracyMeters: where.accuracyMeters });
  if (reason) body.reason = reason;
  const to = { DEPART: 'EN_ROUTE', ARRIVE: 'ON_SITE', COMPLETE: 'COMPLETED', FAIL: 'FAILED' }[type];
  await changeLocal(visit.id, (local) => ({ ...local, status: later(local.status || visit.status, to) }));
  await enqueue({ kind: 'event', visitId: visit.id, body });
}

/** Keeps a captured file on the tablet and queues its upload. */
async function keep(visit, kind, prepared) {
  const file = { id: crypto.randomUUID(), visitId: visit.id, kind, blob: prepared.blob, type: prepared.type, name: prepared.name,
    size: prepared.blob.size, sha256: await sha256(prepared.blob), capturedAt: new Date().toISOString() };
  await store.put('files', file);
  await changeLocal(visit.id, (local) => ({ ...local, captured: [...new Set([...local.captured, kind])] }));
  await enqueue({ kind: 'upload', visitId: visit.id, fileId: file.id });
  return file;
}

function consentSection(visit, app, redraw) {
  const consented = (visit.consents || []).length > 0 || (visit.local && visit.local.consent);
  const needsSignature = visit.service.requiredCaptures.includes('SIGNATURE');
  const signed = capturedKinds(visit).has('SIGNATURE');
  if ((!visit.service.biometric || consented) && (!needsSignature || signed)) {
    return h('section', { class: 'panel step done' }, h('h2', {}, visit.service.biometric ? '✓ 已取得人脸采集同意' : '✓ 已签名'));
  }
  const pad = signaturePad();
  const section = h('section', { class: 'panel step', 'aria-labelledby': 'consent-title' });
  const alert = h('div', { class: 'alert form-alert', role: 'alert', tabindex: '-1', hidden: true });
  const parts = [h('h2', { id: 'consent-title' }, visit.service.biometric ? '人脸采集同意' : '居民签名'), alert];
  let grantor;
  let guardianName;
  let relation;
  let text;
  if (visit.service.biometric) {
    parts.push(h('div', { class: 'consent-text', id: 'consent-text' }, h('p', { class: 'muted' }, '正在读取同意书…')));
    grantor = h('select', { id: 'grantor' }, h('option', { value: 'RESIDENT' }, '居民本人同意'), h('option', { value: 'GUARDIAN' }, '监护人代为同意'));
    guardianName = h('input', { type: 'text', id: 'guardian-name', autocomplete: 'off' });
    relation = h('select', { id: 'guardian-relation' }, Object.entries(GUARDIAN_RELATION).map(([v, t]) => h('option', { value: v }, t)));
    const guardian = h('div', { class: 'row', hidden: true },
      h('div', { class: 'field' }, h('label', { for: 'guardian-name' }, '监护人姓名'), guardianName),
      h('div', { class: 'field' }, h('label', { for: 'guardian-relation' }, '与居民关系'), relation));
    grantor.addEventListener('change', () => { guardian.hidden = grantor.value !== 'GUARDIAN'; });
    parts.push(h('div', { class: 'field' }, h('label', { for: 'grantor' }, '由谁同意'), grantor), guardian);
    store.get('meta', 'consentText').then((t) => {
      text = t;
      fill(section.querySelector('#consent-text'), t
        ? [h('p', { class: 'muted' }, `同意书 第 ${t.version} 版，请居民阅读或向居民宣读全文：`), ...t.text.split('\n').map((line) => h('p', {}, line))]
        : h('p', { class: 'alert' }, '平板上还没有同意书：请联网同步一次后再取得同意。'));
    });
  }
  parts.push(h('p', {}, '请居民（或监护人）在下方签名：'), pad.element,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => pad.clear() }, '清除签名'),
      h('button', { type: 'button', class: 'primary big', onclick: async () => {
        alert.hidden = true;
        const blob = await pad.blob();
        if (!blob) {
          alert.textContent = '请先签名';
          alert.hidden = false;
          return;
        }
        if (visit.service.biometric && !text) {
          alert.textContent = '平板上还没有同意书：请联网同步一次后再取得同意。';
          alert.hidden = false;
          return;
        }
        if (visit.service.biometric && grantor.value === 'GUARDIAN' && !guardianName.value.trim()) {
          alert.textContent = '请填写监护人姓名';
          alert.hidden = false;
          guardianName.focus();
          return;
        }
        const signature = await keep(visit, 'SIGNATURE', { blob, type: 'image/png', name: 'signature.png' });
        if (visit.service.biometric) {
          const body = { purpose: 'BIOMETRIC_CAPTURE', grantedBy: grantor.value, textId: text.id };
          if (grantor.value === 'GUARDIAN') Object.assign(body, { guardianName: guardianName.value.trim(), relation: relation.value });
          await changeLocal(visit.id, (local) => ({ ...local, consent: true }));
          await enqueue({ kind: 'consent', visitId: visit.id, body, signatureFile: signature.id });
        }
        app.toast(visit.service.biometric ? '已记录同意和签名' : '已保存签名');
        redraw();
      } }, visit.service.biometric ? '同意并签名' : '保存签名'),
      visit.service.biometric ? h('button', { type: 'button', class: 'danger', onclick: () => redraw('居民不同意采集人脸') }, '居民不同意') : null));
  return fill(section, ...parts);
}

function captureCard(visit, kind, app, redraw) {
  const done = capturedKinds(visit).has(kind);
  const consented = (visit.consents || []).length > 0 || (visit.local && visit.local.consent);
  const blocked = kind === 'FACE_PHOTO' && !consented;
  const id = `pick-${kind}`;
  const camera = h('input', { type: 'file', accept: 'image/*', capture: kind === 'FACE_PHOTO' ? 'user' : 'environment',
    class: 'picker', id, disabled: blocked });
  const pdf = DOCUMENT_KINDS.has(kind) ? h('input', { type: 'file', accept: 'application/pdf', class: 'picker', id: `${id}-pdf` }) : null;
  const preview = h('div', { class: 'preview' });
  const card = h('li', { class: `capture${done ? ' done' : ''}` },
    h('div', { class: 'grow' }, h('strong', {}, `${done ? '✓ ' : ''}${name(CAPTURE_KIND, kind)}`),
      blocked ? h('div', { class: 'muted' }, '先取得人脸采集同意') : null, preview),
    h('div', { class: 'actions' },
      h('label', { class: `button${done ? '' : ' primary'}${blocked ? ' disabled' : ''}`, for: id }, done ? '重拍' : '拍照'), camera,
      pdf ? h('label', { class: 'button', for: `${id}-pdf` }, '选择 PDF') : null, pdf));
  const chosen = async (input) => {
    if (!input.files.length) return;
    const picked = input.files[0];
    input.value = '';
    let prepared;
    try {
      prepared = await prepare(picked, kind);
    } catch {
      fill(preview, h('p', { class: 'alert' }, '无法读取这张照片，请重拍'));
      return;
    }
    const url = prepared.type.startsWith('image/') ? URL.createObjectURL(prepared.blob) : null;
    fill(preview,
      url ? h('img', { src: url, alt: `${name(CAPTURE_KIND, kind)}预览` }) : h('p', {}, `PDF 文件 ${prepared.name}`),
      h('p', { class: 'muted' }, `${(prepared.blob.size / 1024).toFixed(0)} KB`),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: async () => {
          if (url) URL.revokeObjectURL(url);
          await keep(visit, kind, prepared);
          app.toast(`已保存${name(CAPTURE_KIND, kind)}，联网后自动上传`);
          redraw();
        } }, '使用'),
        h('button', { type: 'button', onclick: () => { if (url) URL.revokeObjectURL(url); fill(preview); } }, '不用，重拍')));
  };
  camera.addEventListener('change', () => chosen(camera));
  if (pdf) pdf.addEventListener('change', () => chosen(pdf));
  return card;
}

function failForm(visit, reason, redraw) {
  const text = h('textarea', { id: 'fail-reason', rows: 3, maxlength: 500 }, reason || '');
  const alert = h('div', { class: 'alert form-alert', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { class: 'panel step', novalidate: true },
    h('h2', {}, '未办成'), alert,
    h('div', { class: 'quick' }, FAIL_REASONS.map((r) => h('button', { type: 'button', onclick: () => { text.value = r; } }, r))),
    h('div', { class: 'field' }, h('label', { for: 'fail-reason' }, '原因'), text),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger big' }, '确认未办成'),
      h('button', { type: 'button', onclick: () => redraw() }, '返回')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      alert.textContent = '请写明未办成的原因';
      alert.hidden = false;
      text.focus();
      return;
    }
    await report(visit, 'FAIL', text.value.trim());
    redraw();
  });
  return form;
}

export async function visitScreen(main, app, id) {
  const draw = async (failReason) => {
    const visit = await store.get('visits', id);
    if (!visit) {
      fill(main, h('p', { class: 'alert' }, '这张工单已不在本平板上。'), h('a', { class: 'button', href: '#/today' }, '返回今日工单'));
      return;
    }
    const status = shownStatus(visit);
    const redraw = (reason) => draw(reason);
    const required = visit.service.requiredCaptures.filter((k) => k !== 'SIGNATURE');
    const captured = capturedKinds(visit);
    const consented = !visit.service.biometric || (visit.consents || []).length > 0 || (visit.local && visit.local.consent);
    const missing = visit.service.requiredCaptures.filter((k) => !captured.has(k));
    const open = !visit.withdrawn && status !== 'CANCELLED';
    const steps = [];
    if (!open) {
      steps.push(h('p', { class: 'alert warn', role: 'alert' },
        '此工单已被取消或改派。已做的工作保留在平板上并照实上报；服务器如有退回，会在“发送情况”中说明。'));
    }
    if (open && status === 'SCHEDULED') {
      steps.push(h('button', { type: 'button', class: 'primary big', onclick: async () => { await report(visit, 'DEPART'); redraw(); } }, '出发'));
    }
    if (open && (status === 'SCHEDULED' || status === 'EN_ROUTE')) {
      steps.push(h('button', { type: 'button', class: status === 'EN_ROUTE' ? 'primary big' : 'big', onclick: async () => { await report(visit, 'ARRIVE'); redraw(); } }, '到达'));
    }
    if (open && status === 'ON_SITE') {
      if (failReason !== undefined) {
        steps.push(failForm(visit, failReason, redraw));
      } else {
        if (visit.service.biometric || visit.service.requiredCaptures.includes('SIGNATURE')) steps.push(consentSection(visit, app, redraw));
        steps.push(h('section', { class: 'panel step' }, h('h2', {}, '采集材料'),
          h('ul', { class: 'captures' }, required.map((kind) => captureCard(visit, kind, app, redraw)))));
        const ready = missing.length === 0 && consented;
        steps.push(h('div', { class: 'actions finish' },
          h('button', { type: 'button', class: 'primary big', disabled: !ready, onclick: async () => { await report(visit, 'COMPLETE'); app.toast('已办结，联网后自动上报'); redraw(); } }, '办结'),
          h('button', { type: 'button', class: 'danger', onclick: () => redraw('') }, '未办成…')),
          ready ? null : h('p', { class: 'muted' }, `还差：${[...missing.map((k) => name(CAPTURE_KIND, k)), ...(consented ? [] : ['人脸采集同意'])].join('、')}`));
      }
    }
    if (status === 'COMPLETED' || status === 'FAILED' || status === 'SUBMITTED') {
      steps.push(h('p', { class: 'alert ok', role: 'status' }, `本工单${name(STATUS, status)}。发送情况见“发送情况”页。`));
    }
    fill(main,
      h('a', { class: 'back', href: '#/today' }, '← 今日工单'),
      h('h1', {}, `${visit.resident ? visit.resident.name : '（已删除）'} · ${visit.service.name}`),
      h('p', {}, h('span', { class: `chip s-${status.toLowerCase()}` }, visit.withdrawn ? '已撤回' : name(STATUS, status)),
        ` ${fmt.time(visit.start)}–${fmt.time(visit.end)} · ${visit.village.name} · ${visit.address} · ${visit.ticketNumber}`),
      visit.resident ? h('p', { class: 'muted' }, `身份证 ${visit.resident.idNumberMasked}`) : null,
      visit.notes ? h('p', { class: 'notes' }, `话务员备注：${visit.notes}`) : null,
      h('div', { class: 'actions' }, ...callButtons(visit)),
      ...steps);
    document.title = `${visit.resident ? visit.resident.name : '工单'} · 上门办`;
  };
  await draw();
}
