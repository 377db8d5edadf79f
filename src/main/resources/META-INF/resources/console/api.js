// The console is a client of /api/v1 like any other: every rule, permission and scope is the API's.
// The session: the refresh token lives in an HttpOnly cookie that this script never sees; the short-lived
// access token lives in this module's memory only (never in localStorage or sessionStorage).

const SESSION = '/api/v1/auth/session';
const CONSOLE_HEADER = { 'X-Doorstep-Console': '1' };
const LANGUAGE = { 'Accept-Language': 'zh-CN' };

let accessToken = null;
let renewTimer = null;
let renewing = null;
const signedOutListeners = [];

/** A refusal of the API, as its RFC 9457 problem says it. */
export class ApiProblem extends Error {
  constructor(status, problem, headers) {
    super((problem && (problem.detail || problem.title)) || `请求失败（${status}）`);
    this.status = status;
    this.problem = problem || {};
    this.type = (this.problem.type || '').split(':').pop();
    this.errors = this.problem.errors || [];
    this.headers = headers;
  }
}

/** Called when the session is over (signed out here or elsewhere, expired, revoked). */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export function signedIn() {
  return accessToken !== null;
}

/** Signs in with a username and password; the session cookie is set by the server. */
export async function signIn(username, password) {
  const session = await sessionCall('POST', '', { username, password });
  start(session);
}

/** After a reload: trades the session cookie for an access token. False when there is no session. */
export async function resume() {
  try {
    await renew();
    return true;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return false;
    throw e;
  }
}

/** Ends the session on the server (every token of it stops working) and forgets the access token. */
export async function signOut() {
  try {
    await sessionCall('DELETE', '');
  } finally {
    stop();
  }
}

/**
 * Calls the API. Returns the parsed JSON body (or null), and the response when `withResponse` is set.
 * Throws ApiProblem for any answer of 400 or more. An expired access token is renewed once, quietly.
 */
export async function api(method, path, { body, headers = {}, withResponse = false, accept } = {}) {
  const response = await sendRenewing(method, path, body, headers, accept);
  const data = await read(response);
  if (!response.ok && response.status !== 304) throw new ApiProblem(response.status, data, response.headers);
  return withResponse ? { data, response } : data;
}

/**
 * Fetches a file the API produces (an access copy) and hands it to the browser as a download, never through an
 * address the token would show in. Throws ApiProblem as {@link api} does.
 */
export async function download(path, filename, accept) {
  const response = await sendRenewing('GET', path, undefined, {}, `${accept}, application/problem+json`);
  if (!response.ok) throw new ApiProblem(response.status, await read(response), response.headers);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
}

/** A fresh key for one form's submission: a double click or a retry of the same form books once. */
export function idempotencyKey() {
  return crypto.randomUUID();
}

/** Sends, renewing an expired access token once; a session that cannot be renewed is over. */
async function sendRenewing(method, path, body, headers, accept) {
  let response = await send(method, path, body, headers, accept);
  if (response.status === 401 && accessToken !== null) {
    try {
      await renew();
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 401) expired();
      throw e;
    }
    response = await send(method, path, body, headers, accept);
  }
  if (response.status === 401) expired();
  return response;
}

function send(method, path, body, headers, accept) {
  const all = { ...LANGUAGE, Accept: accept || 'application/json', ...headers };
  if (accessToken) all.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  return fetch(path, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
}

async function sessionCall(method, path, body) {
  const headers = { ...CONSOLE_HEADER, ...LANGUAGE, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(SESSION + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const data = await read(response);
  if (!response.ok) throw new ApiProblem(response.status, data, response.headers);
  return data;
}

async function read(response) {
  if (response.status === 204 || response.status === 304) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Renews the access token with the cookie. Tabs of one browser share the cookie, and a refresh token
 * works once: so renewals take turns across tabs (Web Locks), each using the cookie the last one set.
 */
function renew() {
  if (!renewing) {
    const work = () => sessionCall('POST', '/refresh').then(start);
    const locked = navigator.locks ? navigator.locks.request('doorstep-session', work) : work();
    renewing = locked.finally(() => { renewing = null; });
  }
  return renewing;
}

function start(session) {
  accessToken = session.accessToken;
  clearTimeout(renewTimer);
  const seconds = Math.max(30, (session.expiresIn || 900) - 60);
  renewTimer = setTimeout(renewInTime, seconds * 1000);
}

/** Renews before the access token runs out; a network failure tries again shortly, a refusal ends the session. */
function renewInTime() {
  renew().catch((e) => {
    if (e instanceof ApiProblem && e.status === 401) expired();
    else renewTimer = setTimeout(renewInTime, 30000);
  });
}

function stop() {
  accessToken = null;
  clearTimeout(renewTimer);
}

function expired() {
  if (accessToken === null) return;
  stop();
  signedOutListeners.forEach((listener) => listener());
}

/**
 * Shows a problem on a form: each errors[] entry under the field whose data-field names it, the rest
 * (and the problem's own words) in the form's alert box. Returns the first element worth focusing.
 */
export function showProblem(form, error) {
  clearProblem(form);
  const alert = form.querySelector('.form-alert');
  if (!(error instanceof ApiProblem)) {
    if (!(error instanceof TypeError && /fetch/i.test(error.message))) console.error(error);
    if (alert) {
      alert.textContent = '无法连接服务器，请检查网络后重试。';
      alert.hidden = false;
    }
    return alert;
  }
  let first = null;
  const unplaced = [];
  for (const { field, message } of error.errors) {
    const box = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!box) {
      unplaced.push(`${field}：${message}`);
      continue;
    }
    box.classList.add('invalid');
    const slot = box.querySelector('.error');
    if (slot) slot.textContent = message;
    const control = box.querySelector('input, select, textarea');
    if (control) control.setAttribute('aria-invalid', 'true');
    first = first || control;
  }
  if (alert && (error.errors.length === 0 || unplaced.length > 0)) {
    alert.replaceChildren(error.message, ...unplaced.map((line) => {
      const p = document.createElement('div');
      p.textContent = line;
      return p;
    }));
    alert.hidden = false;
    first = first || alert;
  }
  return first;
}

export function clearProblem(form) {
  form.querySelectorAll('.invalid').forEach((box) => box.classList.remove('invalid'));
  form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
  form.querySelectorAll('.error').forEach((slot) => { slot.textContent = ''; });
  const alert = form.querySelector('.form-alert');
  if (alert) {
    alert.hidden = true;
    alert.replaceChildren();
  }
}
