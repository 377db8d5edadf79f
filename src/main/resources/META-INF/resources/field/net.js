// The tablet's side of the API: the access token in memory only, the refresh token and the tablet's own
// credentials in IndexedDB, every request in Chinese (the API's problems come worded for people). A refresh
// the server refuses ends the session: the agent's data is wiped from the tablet and the sign-in screen shows.
import * as store from './store.js';

export const APP_VERSION = '1.0.0';
const HEADERS = { 'Accept-Language': 'zh-CN' };

let accessToken = null;
let renewing = null;
const endListeners = [];

/** A refusal from the API: its status, the problem's type slug, its words, and its errors[] by field. */
export class ApiProblem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `服务器答复 ${status}`);
    this.status = status;
    this.body = body || {};
    this.type = (this.body.type || '').replace('urn:doorstep:problem:', '');
    this.errors = this.body.errors || [];
  }
}

/** No answer at all: the network is down, or the request timed out. */
export class Offline extends Error {
  constructor(cause) {
    super('没有网络');
    this.cause = cause;
  }
}

/** Called with the reason when the session ends (revoked tablet, changed password, signed out). */
export function onSessionEnded(listener) {
  endListeners.push(listener);
}

async function raw(method, path, { body, headers = {}, timeout = 30000, bytes } = {}) {
  const all = { ...HEADERS, Accept: 'application/json', ...headers };
  if (accessToken) all.Authorization = `Bearer ${accessToken}`;
  let payload;
  if (bytes !== undefined) {
    payload = bytes;
  } else if (body !== undefined) {
    all['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout);
  try {
    return await fetch(path, { method, headers: all, body: payload, cache: 'no-store', signal: abort.signal });
  } catch (e) {
    throw new Offline(e);
  } finally {
    clearTimeout(timer);
  }
}

async function json(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * Calls the API: the parsed answer, or ApiProblem for a refusal, or Offline when nothing came back. An expired
 * access token is renewed once with the refresh token and the tablet's credentials.
 */
export async function call(method, path, options = {}) {
  let response = await raw(method, path, options);
  if (response.status === 401 && !options.anonymous) {
    await renew();
    response = await raw(method, path, options);
  }
  if (options.response) {
    if (!response.ok) throw new ApiProblem(response.status, await json(response));
    return response;
  }
  const data = await json(response);
  if (!response.ok) throw new ApiProblem(response.status, data);
  return data;
}

/** Trades the refresh token for a new pair; refused: the session is over and the tablet forgets the agent. */
export function renew() {
  if (!renewing) {
    renewing = (async () => {
      const session = await store.get('session', 'agent');
      const tablet = await store.get('tablet', 'credentials');
      if (!session || !tablet) {
        accessToken = null;
        throw new ApiProblem(401, { title: '请重新登录' });
      }
      const response = await raw('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: session.refreshToken, deviceId: tablet.deviceId, deviceSecret: tablet.deviceSecret },
      });
      const data = await json(response);
      if (response.status === 401 || response.status === 403) {
        await end('revoked');
        throw new ApiProblem(response.status, data);
      }
      if (!response.ok) throw new ApiProblem(response.status, data);
      accessToken = data.accessToken;
      await store.put('session', { ...session, refreshToken: data.refreshToken }, 'agent');
    })().finally(() => { renewing = null; });
  }
  return renewing;
}

/** Ends the session here: the agent's data goes; with 'revoked-tablet' the tablet's credentials too. */
export async function end(reason) {
  accessToken = null;
  await store.wipe({ tablet: reason === 'revoked-tablet' });
  endListeners.forEach((l) => l(reason));
}

/** Trades the admin's one-time code for the tablet's credentials. */
export async function enrol(code) {
  const data = await call('POST', '/api/v1/devices/enroll', {
    anonymous: true,
    body: { enrollmentCode: code.trim(), model: navigator.userAgentData?.platform || 'Android', appVersion: APP_VERSION },
  });
  await store.put('tablet', { deviceId: data.deviceId, deviceSecret: data.deviceSecret, enrolledAt: new Date().toISOString() },
    'credentials');
}

/** The agent signs in on this tablet. */
export async function signIn(username, password) {
  const tablet = await store.get('tablet', 'credentials');
  let data;
  try {
    data = await call('POST', '/api/v1/auth/device-login', {
      anonymous: true,
      body: { deviceId: tablet.deviceId, deviceSecret: tablet.deviceSecret, username: username.trim(), password,
        appVersion: APP_VERSION },
    });
  } catch (e) {
    if (e instanceof ApiProblem && e.type === 'invalid-device-credentials') await end('revoked-tablet');
    throw e;
  }
  accessToken = data.accessToken;
  const me = await call('GET', '/api/v1/me');
  await store.put('session', { refreshToken: data.refreshToken, staffId: me.id, username: me.username,
    displayName: me.displayName, team: me.team, town: me.town }, 'agent');
  return me;
}

/** Signs out: the server ends the session, the tablet forgets the agent (the caller checked the queue). */
export async function signOut() {
  try {
    if (accessToken) await raw('POST', '/api/v1/auth/logout', { timeout: 5000 });
  } catch {
    // offline: the session ends on the tablet; the server's expires by itself
  }
  await end('signed-out');
}
