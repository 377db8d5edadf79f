// Dates and times as people in the town read them: 2026年12月3日 周四, 09:30, in the town's own zone.

let zone = 'Asia/Shanghai';

/** The town's time zone, from /api/v1/me. */
export function useZone(timeZone) {
  if (timeZone) zone = timeZone;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function parts(instant) {
  const formatted = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23', weekday: 'short',
  }).formatToParts(new Date(instant));
  const get = (type) => formatted.find((p) => p.type === type).value;
  return {
    year: Number(get('year')), month: Number(get('month')), day: Number(get('day')),
    hour: get('hour'), minute: get('minute'),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
}

/** 2026-12-03 (a date without a time, as the API sends it) → 2026年12月3日 周四 */
export function date(isoDate) {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日 ${WEEKDAYS[weekday]}`;
}

/** An instant → 2026年12月3日 周四 */
export function day(instant) {
  if (!instant) return '';
  const p = parts(instant);
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]}`;
}

/** An instant → 09:30 */
export function time(instant) {
  if (!instant) return '';
  const p = parts(instant);
  return `${p.hour}:${p.minute}`;
}

/** An instant → 2026年12月3日 周四 09:30 */
export function dateTime(instant) {
  return instant ? `${day(instant)} ${time(instant)}` : '';
}

/** The town's date today, as the API writes dates: 2026-12-03. */
export function today(offsetDays = 0) {
  const p = parts(Date.now() + offsetDays * 86400000);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The town's date of an instant, as the API writes dates. */
export function isoDay(instant) {
  const p = parts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Seconds → 14:59 */
export function countdown(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The town's offset from UTC on a day, as the API writes it: +08:00. */
export function offsetOn(isoDate) {
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const named = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(noon)
    .find((p) => p.type === 'timeZoneName').value;
  const offset = named.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}
