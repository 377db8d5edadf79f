// The queue of what the agent did, sent in the order it was done. Each command carries its own Idempotency-Key,
// so one sent twice (an answer lost on a weak link) is done once. A lost network or a busy server is tried again
// later with a growing wait; a refusal is kept with the server's words, shown to the agent, and never sent again
// by itself, and the rest of the queue goes on.
import { ApiProblem, Offline, call } from './net.js';
import * as store from './store.js';
import { upload } from './tus.js';

const listeners = [];
let running = false;
let timer = null;
const progress = new Map();

/** Called whenever the queue changes, to redraw what shows it. */
export function onChange(listener) {
  listeners.push(listener);
}

function changed() {
  listeners.forEach((l) => l());
}

/** How far each upload under way has got: fileId → [sent, size]. */
export function uploadProgress(fileId) {
  return progress.get(fileId);
}

/** Puts a command at the end of the queue and starts sending. */
export async function enqueue(command) {
  const seq = await store.put('outbox', { ...command, key: crypto.randomUUID(), state: 'queued', attempts: 0,
    createdAt: new Date().toISOString() });
  changed();
  kick();
  return seq;
}

/** Sends what is queued, in order, until the queue is empty or the network is gone. */
export async function kick() {
  if (running) return;
  running = true;
  clearTimeout(timer);
  try {
    while (await step()) {
      changed();
    }
  } finally {
    running = false;
    changed();
  }
}

function retryLater(ms) {
  clearTimeout(timer);
  timer = setTimeout(kick, ms);
}

function retryable(e) {
  return e instanceof Offline || (e instanceof ApiProblem && (e.status === 408 || e.status === 429 || e.status >= 500));
}

/** The queue in order: what is still to go first. */
export async function commands() {
  return (await store.all('outbox')).sort((a, b) => a.seq - b.seq);
}

async function step() {
  const next = (await commands()).find((c) => c.state === 'queued');
  if (!next) return false;
  if (next.notBefore && next.notBefore > Date.now()) {
    retryLater(next.notBefore - Date.now());
    return false;
  }
  try {
    const outcome = await send(next);
    await store.put('outbox', { ...next, state: 'sent', sentAt: new Date().toISOString(), lastError: null, ...outcome });
    return true;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return false; // the session ended: the tablet was wiped
    if (retryable(e)) {
      const attempts = next.attempts + 1;
      const wait = Math.min(300000, 2000 * 2 ** Math.min(attempts, 8)) * (0.75 + Math.random() / 2);
      await store.put('outbox', { ...next, attempts, notBefore: Date.now() + wait, lastError: e.message });
      retryLater(wait);
      return false;
    }
    if (!(e instanceof ApiProblem)) throw e;
    await store.put('outbox', { ...next, state: 'refused', refusedAt: new Date().toISOString(),
      problem: { status: e.status, type: e.type, title: e.body.title, detail: e.message } });
    return true;
  }
}

async function send(command) {
  switch (command.kind) {
    case 'event':
      return settle(command, await call('POST', `/api/v1/visits/${command.visitId}/events`,
        { body: command.body, headers: { 'Idempotency-Key': command.key } }));
    case 'consent': {
      const body = { ...command.body };
      if (command.signatureFile) {
        const signature = await store.get('files', command.signatureFile);
        if (signature && signature.captureId) body.signatureCaptureId = signature.captureId;
      }
      const consent = await call('POST', `/api/v1/visits/${command.visitId}/consents`,
        { body, headers: { 'Idempotency-Key': command.key } });
      await updateVisit(command.visitId, (v) => ({ ...v, consents: [...new Set([...(v.consents || []), consent.purpose])] }));
      return { result: { consentId: consent.id } };
    }
    case 'upload': {
      const captureId = await upload(command.fileId, (sent, size) => {
        progress.set(command.fileId, [sent, size]);
        changed();
      });
      progress.delete(command.fileId);
      const file = await store.get('files', command.fileId);
      // the server has it: the bytes leave the tablet (a face image sooner is better), the record stays for the day
      await store.put('files', { ...file, blob: null, captureId, sentAt: new Date().toISOString() });
      await updateVisit(command.visitId, (v) => ({ ...v, captured: [...new Set([...(v.captured || []), file.kind])] }));
      return { result: { captureId } };
    }
    default:
      throw new Error(`unknown command ${command.kind}`);
  }
}

/** A visit event's answer is the visit as the server now has it. */
async function settle(command, visit) {
  await updateVisit(command.visitId, (v) => ({ ...v, status: visit.status, version: visit.version }));
  return { result: { status: visit.status } };
}

async function updateVisit(id, change) {
  const visit = await store.get('visits', id);
  if (visit) await store.put('visits', change(visit));
}

/** Sets a refused command aside for good, once the agent has read why (its file goes with it). */
export async function discard(seq) {
  const command = await store.get('outbox', seq);
  if (!command || command.state !== 'refused') return;
  await store.atomically(['outbox', 'files'], async (tx) => {
    await tx.objectStore('outbox').delete(seq);
    if (command.fileId) await tx.objectStore('files').delete(command.fileId);
  });
  changed();
}
