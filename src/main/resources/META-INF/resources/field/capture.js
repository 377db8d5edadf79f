// Taking what the door needs: photos from the tablet's camera, shrunk on the tablet to what the service needs
// (a face photo need not be 12 MB), a PDF form as it is, and a signature drawn on the screen.
import { h } from '/console/dom.js';

/** The longest side a photo of each kind keeps, in pixels; what the office needs to read it, no more. */
const LONGEST_SIDE = {
  FACE_PHOTO: 1280,
  PORTRAIT_PHOTO: 1280,
  ID_CARD_FRONT: 1600,
  ID_CARD_BACK: 1600,
  BANK_CARD: 1600,
  SIGNATURE: 1200,
};
const DOCUMENT_SIDE = 2400;
const QUALITY = 0.85;

/** Kinds that may also be a PDF file from the tablet (forms and reports), sent as they are. */
export const DOCUMENT_KINDS = new Set(['APPLICATION_FORM', 'MEDICAL_REPORT', 'HOUSEHOLD_REGISTER']);

export async function sha256(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The photo as it will be sent: scaled down (never up) to the kind's longest side and saved as JPEG; a PDF, or
 * an image already small enough in JPEG, is kept as it is.
 */
export async function prepare(file, kind) {
  if (file.type === 'application/pdf') return { blob: file, type: 'application/pdf', name: file.name || `${kind}.pdf` };
  const longest = LONGEST_SIDE[kind] || DOCUMENT_SIDE;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, longest / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.type === 'image/jpeg' && file.size < 1.5 * 1024 * 1024) {
    bitmap.close();
    return { blob: file, type: 'image/jpeg', name: `${kind.toLowerCase()}.jpg` };
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d', { willReadFrequently: true }).drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  canvas.width = 0;
  canvas.height = 0;
  return { blob, type: 'image/jpeg', name: `${kind.toLowerCase()}.jpg` };
}

/**
 * A signature pad: a canvas the resident signs on with a finger or a stylus. {@code blob()} is the signature
 * as PNG, or null while nothing is drawn.
 */
export function signaturePad() {
  const canvas = h('canvas', { class: 'signature', width: 900, height: 300, 'aria-label': '签名区：请用手指在此签名' });
  const context = canvas.getContext('2d');
  context.lineWidth = 4;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#111';
  let drawing = false;
  let strokes = 0;
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * (canvas.width / box.width), (event.clientY - box.top) * (canvas.height / box.height)];
  };
  canvas.addEventListener('pointerdown', (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    context.beginPath();
    context.moveTo(...at(event));
    event.preventDefault();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    context.lineTo(...at(event));
    context.stroke();
    strokes++;
    event.preventDefault();
  });
  const stop = () => { drawing = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  return {
    element: canvas,
    clear() {
      context.clearRect(0, 0, canvas.width, canvas.height);
      strokes = 0;
    },
    async blob() {
      if (strokes < 2) return null;
      // a white ground, so the signature reads on any screen
      const flat = document.createElement('canvas');
      flat.width = canvas.width;
      flat.height = canvas.height;
      const c = flat.getContext('2d', { willReadFrequently: true });
      c.fillStyle = '#fff';
      c.fillRect(0, 0, flat.width, flat.height);
      c.drawImage(canvas, 0, 0);
      return new Promise((resolve) => flat.toBlob(resolve, 'image/png'));
    },
  };
}

/** Where the tablet is, with how sure it is; a refusal or no fix is recorded as such and never holds anyone up. */
export function position(timeoutMs = 8000) {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      resolve({ location: 'UNAVAILABLE' });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ location: 'FIXED', latitude: Number(p.coords.latitude.toFixed(6)),
        longitude: Number(p.coords.longitude.toFixed(6)), accuracyMeters: Math.min(100000, Math.round(p.coords.accuracy * 10) / 10) }),
      (error) => resolve({ location: error.code === 1 ? 'DENIED' : 'UNAVAILABLE' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60000 });
  });
}
