// The day comes from the sync feed and stays on the tablet: the first sync brings everything the team keeps,
// later ones only what changed. A visit withdrawn meanwhile (cancelled, given to another team) that the agent
// already worked on stays, marked, with its work kept and reported; one untouched simply goes.
import { ApiProblem, call } from './net.js';
import * as store from './store.js';

/** The lifecycle's order, so that what the agent did offline is not undone by an older answer. */
const ORDER = { REQUESTED: 0, SCHEDULED: 1, EN_ROUTE: 2, ON_SITE: 3, COMPLETED: 4, FAILED: 4, SUBMITTED: 5, CANCELLED: 6 };

export function later(a, b) {
  return (ORDER[a] ?? -1) >= (ORDER[b] ?? -1) ? a : b;
}

async function workedOn(tx, visitId) {
  const commands = await tx.objectStore('outbox').index('visit').getAll(visitId);
  return commands.length > 0;
}

/** Brings the tablet up to date; returns how many visits changed. */
export async function sync() {
  const cursor = await store.get('meta', 'cursor');
  let batch;
  try {
    batch = await call('GET', `/api/v1/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 410 && cursor) {
      await store.remove('meta', 'cursor');
      return sync();
    }
    throw e;
  }
  let consentText = null;
  try {
    consentText = await call('GET', '/api/v1/privacy-texts/BIOMETRIC_CAPTURE');
  } catch (e) {
    if (!(e instanceof ApiProblem)) throw e;
  }
  await store.atomically(['visits', 'meta', 'outbox'], async (tx) => {
    const visits = tx.objectStore('visits');
    const arrived = new Set(batch.visits.map((v) => v.id));
    const gone = new Set(batch.removed);
    if (batch.full) {
      for (const kept of await visits.getAll()) {
        if (!arrived.has(kept.id)) gone.add(kept.id);
      }
    }
    for (const visit of batch.visits) {
      const kept = await visits.get(visit.id);
      await visits.put({ ...visit, local: kept?.local, withdrawn: false });
    }
    for (const id of gone) {
      const kept = await visits.get(id);
      if (!kept) continue;
      if (await workedOn(tx, id)) await visits.put({ ...kept, withdrawn: true });
      else await visits.delete(id);
    }
    await tx.objectStore('meta').put(batch.cursor, 'cursor');
    await tx.objectStore('meta').put(new Date().toISOString(), 'lastSync');
    if (consentText) await tx.objectStore('meta').put(consentText, 'consentText');
  });
  return batch.visits.length + batch.removed.length;
}

/**
 * Forgets what the tablet no longer needs: visits of earlier days with nothing left to send, and the record of
 * what was sent on them. Personal data stays on the tablet for the agent's own day only.
 */
export async function prune(today) {
  await store.atomically(['visits', 'outbox', 'files'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    for (const visit of await tx.objectStore('visits').getAll()) {
      const day = visit.start ? visit.start.substring(0, 10) : null;
      const commands = await outbox.index('visit').getAll(visit.id);
      const pending = commands.some((c) => c.state !== 'sent');
      if (day && day < today && !pending) {
        for (const c of commands) await outbox.delete(c.seq);
        for (const f of await tx.objectStore('files').index('visit').getAll(visit.id)) {
          await tx.objectStore('files').delete(f.id);
        }
        await tx.objectStore('visits').delete(visit.id);
      }
    }
  });
}
