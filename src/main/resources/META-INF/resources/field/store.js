// What the tablet keeps, in IndexedDB (never localStorage): the tablet's own credentials, the agent's session,
// the day's visits as the last sync gave them, the queue of what the agent did (sent in order), and the files
// captured at the door until the server has them.
import { openDB } from '/webjars/idb/7.0.1/build/index.js';

const NAME = 'doorstep-field';
let opened;

function db() {
  if (!opened) {
    opened = openDB(NAME, 1, {
      upgrade(d) {
        d.createObjectStore('tablet');
        d.createObjectStore('session');
        d.createObjectStore('meta');
        d.createObjectStore('visits', { keyPath: 'id' });
        const outbox = d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('visit', 'visitId');
        const files = d.createObjectStore('files', { keyPath: 'id' });
        files.createIndex('visit', 'visitId');
      },
      blocking() {
        opened.then((d) => d.close());
        opened = null;
      },
    });
  }
  return opened;
}

export async function get(store, key) {
  return (await db()).get(store, key);
}

export async function put(store, value, key) {
  return (await db()).put(store, value, key);
}

export async function remove(store, key) {
  return (await db()).delete(store, key);
}

export async function all(store) {
  return (await db()).getAll(store);
}

export async function byVisit(store, visitId) {
  return (await db()).getAllFromIndex(store, 'visit', visitId);
}

/** Runs fn(tx) in one read-write transaction over the stores named: all of it is kept, or none. */
export async function atomically(stores, fn) {
  const tx = (await db()).transaction(stores, 'readwrite');
  const result = await fn(tx);
  await tx.done;
  return result;
}

/**
 * Forgets everything personal: the session, the visits, the queue and the files. With {@code tablet} the
 * tablet's own credentials go too (it was revoked: it must be enrolled again).
 */
export async function wipe({ tablet = false } = {}) {
  const stores = ['session', 'meta', 'visits', 'outbox', 'files'];
  if (tablet) stores.push('tablet');
  await atomically(stores, async (tx) => Promise.all(stores.map((s) => tx.objectStore(s).clear())));
}
