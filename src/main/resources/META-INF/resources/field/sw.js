// The field app's service worker: it keeps the app shell, so the app opens with no network at all. The day's
// data never comes from here (it is in IndexedDB, from the sync feed), and no answer of the API is ever cached.
const CACHE = 'doorstep-field-1';
const SHELL = [
  '/field/',
  '/field/field.css',
  '/field/app.js',
  '/field/store.js',
  '/field/net.js',
  '/field/outbox.js',
  '/field/tus.js',
  '/field/sync.js',
  '/field/capture.js',
  '/field/enrol.js',
  '/field/today.js',
  '/field/visit.js',
  '/field/status.js',
  '/field/icon.svg',
  '/field/manifest.webmanifest',
  '/console/dom.js',
  '/console/format.js',
  '/console/words.js',
  '/webjars/idb/7.0.1/build/index.js',
  '/webjars/idb/7.0.1/build/wrap-idb-value.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

/**
 * The shell from the cache at once, refreshed from the network behind it (so a new release reaches the tablet on
 * its next opening with a network); everything else, the API above all, straight from the network.
 */
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' && url.pathname.startsWith('/field') ? '/field/' : url.pathname;
  if (!SHELL.includes(key)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const kept = await cache.match(key);
    const fresh = fetch(request.mode === 'navigate' ? '/field/' : request, { cache: 'no-cache' })
      .then((response) => {
        if (response.ok) cache.put(key, response.clone());
        return response;
      })
      .catch(() => null);
    if (kept) {
      event.waitUntil(fresh);
      return kept;
    }
    return (await fresh) || Response.error();
  }));
});
