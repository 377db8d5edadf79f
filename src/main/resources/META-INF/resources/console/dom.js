// Building the page out of elements: text is always set as text, never parsed as HTML.

/**
 * h('button', {class: 'primary', onclick: fn}, '保存') makes an element. Attributes starting with "on"
 * are listeners; true and false switch boolean attributes; null and undefined are left out. Children
 * are nodes, strings (as text), arrays, or null (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldIds = 0;

/**
 * A labelled form field: h('input') or h('select') inside, its label tied to it, a place for the API's
 * error under it. `name` is the JSON path the API names in a problem's errors[].
 */
export function field(label, control, { name, hint } = {}) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  if (name) control.name = name;
  const error = h('div', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'field', 'data-field': name || '' },
    h('label', { for: id }, label),
    control,
    hint ? h('div', { class: 'hint' }, hint) : null,
    error);
}

/** A group of radio buttons under a legend; returns the fieldset. */
export function choices(legend, name, options, selected) {
  return h('fieldset', { 'data-field': name },
    h('legend', {}, legend),
    h('div', { class: 'choices' }, options.map(([value, text]) => h('label', {},
      h('input', { type: 'radio', name, value, checked: value === selected }), text))),
    h('div', { class: 'error', 'aria-live': 'polite' }));
}

/** A select with the given [value, text] options. */
export function select(options, selected, attrs = {}) {
  return h('select', attrs, options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

/** The value of the checked radio button of a group inside a form. */
export function checked(form, name) {
  const radio = form.querySelector(`input[name="${name}"]:checked`);
  return radio ? radio.value : null;
}

/** Shows a short message at the corner of the screen, read out by screen readers. */
export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('show'), 4000);
}

/**
 * Asks before something that cannot be undone; resolves true when confirmed. Escape or 取消 says no.
 */
export function confirmDialog(question, { confirm = '确定', danger = false } = {}) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: danger ? 'danger' : 'primary' }, confirm);
    const no = h('button', { type: 'button' }, '取消');
    const dialog = h('dialog', { 'aria-label': question }, h('p', {}, question), h('div', { class: 'actions' }, yes, no));
    const done = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** Enter anywhere but in a text area or on a button submits the form, as it does in a text box. */
export function submitOnEnter(form) {
  form.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Enter' || event.isComposing || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON'
      || target.tagName === 'A') return;
    event.preventDefault();
    form.requestSubmit();
  });
}

/** Runs a submission with the form's buttons disabled, so a double click sends it once. */
export async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await work();
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

export function focusFirst(element) {
  if (!element) return;
  if (element.tagName === 'DIV') element.setAttribute('tabindex', '-1');
  element.focus();
}
