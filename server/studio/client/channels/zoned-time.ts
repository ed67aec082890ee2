// Wall-clock dates and times in a channel's IANA time zone, with Intl alone (the browser's own
// time-zone data; the studio bundles none). A day is [its midnight, the next midnight) in the
// zone, so a day with a daylight-saving change lasts 23 or 25 hours. Parts are read in en-GB
// (digits the parser knows); what the editor reads (the long date, the zone's name, lengths)
// is in the editor's locale.
import { formatDuration, zoneName } from '../format.js';
import { locale as editorLocale } from '../i18n.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  const key = `${locale} ${zone} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })));
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wall(ms: number, zone: string): Wall {
  const parts = format(zone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** The zone's offset from UTC at instant `ms`, in ms (whole seconds). */
function offset(ms: number, zone: string): number {
  const w = wall(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of instant `ms` in the zone. */
export function dateIn(ms: number, zone: string): string {
  const w = wall(ms, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** 'HH:MM:SS' of instant `ms` in the zone. */
export function timeIn(ms: number, zone: string): string {
  const w = wall(ms, zone);
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** The instant the zone's clocks read `date` `time` ('YYYY-MM-DD', 'HH:MM' or 'HH:MM:SS'); in a spring-forward gap, the time after it. */
export function zonedToUtc(date: string, time: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] = time.split(':').map(Number);
  const local = Date.UTC(y, m - 1, d, hh, mm, ss);
  // Two passes settle the offset on either side of a change.
  const first = local - offset(local, zone);
  return local - offset(first, zone);
}

/** Midnight starting `date` in the zone. */
export function dayStart(date: string, zone: string): number {
  return zonedToUtc(date, '00:00:00', zone);
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** e.g. "Friday 24 July 2026" / "2026年7月24日星期五", in the editor's locale. */
export function longDate(date: string): string {
  return format('UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, editorLocale()).format(Date.parse(`${date}T12:00:00Z`));
}

/** e.g. "Europe/Paris (中欧夏令时间)": the zone's id, with its name in the editor's language on that day. */
export function zoneLabel(zone: string, ms: number): string {
  const name = zoneName(zone, ms);
  return name && name !== zone ? `${zone} (${name})` : zone;
}

/** A length of time, as the editor's locale writes it ("1 h 5 min", "1小时5分钟"). */
export function formatLength(ms: number): string {
  return formatDuration(ms / 1000);
}
