// A tus 1.0 client for the captures: create, ask the server where it stands (HEAD), append (PATCH) from there.
// Where an upload is and how far it got is kept with the file in IndexedDB, so a dropped link, a closed app or a
// restarted tablet resumes from the server's offset, never from zero. Chunks start small for a weak link and grow
// while they go quickly.
import { ApiProblem, call } from './net.js';
import * as store from './store.js';

const TUS = { 'Tus-Resumable': '1.0.0' };
const SMALLEST = 64 * 1024;
const LARGEST = 2 * 1024 * 1024;
const FIRST = 256 * 1024;

function b64(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function metadata(file) {
  return [['kind', file.kind], ['filename', file.name], ['sha256', file.sha256], ['capturedAt', file.capturedAt]]
    .map(([k, v]) => `${k} ${b64(v)}`).join(',');
}

/** The path part of a Location, whichever host the server named (behind a proxy it names the public one). */
function pathOf(location) {
  return new URL(location, window.location.href).pathname;
}

async function create(file) {
  const response = await call('POST', `/api/v1/visits/${file.visitId}/captures`, {
    response: true,
    headers: { ...TUS, 'Upload-Length': String(file.size), 'Upload-Metadata': metadata(file) },
  });
  const url = pathOf(response.headers.get('Location'));
  await store.put('files', { ...file, uploadUrl: url, offset: 0 });
  return url;
}

async function serverOffset(url) {
  const response = await call('HEAD', url, { response: true, headers: TUS });
  return Number(response.headers.get('Upload-Offset'));
}

/**
 * Sends one captured file, resuming wherever the server stands, and resolves with the capture's id once the
 * last byte is in. {@code progress(sent, size)} is told as chunks go. Refusals are ApiProblem; a lost network is
 * Offline (the caller tries again later, from the server's offset).
 */
export async function upload(fileId, progress = () => {}) {
  let file = await store.get('files', fileId);
  let url = file.uploadUrl;
  let offset = 0;
  if (url) {
    try {
      offset = await serverOffset(url);
    } catch (e) {
      // expired or gone (a week offline): start this file again
      if (!(e instanceof ApiProblem && (e.status === 404 || e.status === 410))) throw e;
      url = null;
    }
  }
  if (!url) url = await create(file);
  file = await store.get('files', fileId);
  let chunk = file.chunk || FIRST;
  progress(offset, file.size);
  let captureId = offset === file.size ? url.substring(url.lastIndexOf('/') + 1) : null;
  while (offset < file.size) {
    const end = Math.min(offset + chunk, file.size);
    const started = performance.now();
    let response;
    try {
      response = await call('PATCH', url, {
        response: true,
        timeout: 120000,
        headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        bytes: file.blob.slice(offset, end),
      });
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 409) {
        // the server has another offset (an earlier chunk did arrive): go on from there
        offset = await serverOffset(url);
        continue;
      }
      await store.put('files', { ...file, offset, chunk: Math.max(SMALLEST, Math.floor(chunk / 2)) });
      throw e;
    }
    offset = Number(response.headers.get('Upload-Offset'));
    const seconds = (performance.now() - started) / 1000;
    chunk = seconds < 2 ? Math.min(LARGEST, chunk * 2) : seconds > 8 ? Math.max(SMALLEST, Math.floor(chunk / 2)) : chunk;
    file = { ...file, offset, chunk };
    await store.put('files', file);
    progress(offset, file.size);
    if (offset >= file.size) {
      captureId = response.headers.get('Doorstep-Capture-Id') || url.substring(url.lastIndexOf('/') + 1);
    }
  }
  return captureId;
}
