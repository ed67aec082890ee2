// Numbers, sizes, durations, dates and times as the editor reads them: Intl in the editor's locale
// (i18n.ts), in the programme's or channel's time zone where one applies, the zone always named.
// The studio bundles no locale data: the browser's Intl has it.
import { locale } from './i18n.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(kind: string, options: object, make: (l: string) => T): T {
  const l = locale();
  const key = `${kind} ${l} ${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make(l)));
  return f;
}

const numberFormat = (o: Intl.NumberFormatOptions) => cached('n', o, (l) => new Intl.NumberFormat(l, o));
const dateFormat = (o: Intl.DateTimeFormatOptions) => cached('d', o, (l) => new Intl.DateTimeFormat(l, o));

export function formatNumber(n: number, maximumFractionDigits = 0): string {
  return numberFormat({ maximumFractionDigits }).format(n);
}

/** 0.125 → "12.5 %" (as the locale writes it). */
export function formatPercent(fraction: number, maximumFractionDigits = 0): string {
  return numberFormat({ style: 'percent', maximumFractionDigits }).format(fraction);
}

/** A value with a unit Intl knows (millisecond, megabit-per-second …). */
export function formatUnit(value: number, unit: string, maximumFractionDigits = 0): string {
  return numberFormat({ style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits }).format(value);
}

/** Bytes as kB / MB / GB (decimal, as browsers and operating systems show file sizes). */
export function formatBytes(bytes: number): string {
  const [unit, div] = bytes >= 1e9 ? ['gigabyte', 1e9] : bytes >= 1e6 ? ['megabyte', 1e6] : ['kilobyte', 1e3];
  const v = bytes / (div as number);
  return formatUnit(v, unit as string, v < 10 ? 1 : 0);
}

/** Seconds as "1 h 5 min" / "1小时5分钟": whole units, largest two. */
export function formatDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '';
  const s = Math.max(0, Math.round(sec));
  const parts: [number, string][] = s >= 3600 ? [[Math.floor(s / 3600), 'hour'], [Math.floor((s % 3600) / 60), 'minute']] : s >= 60 ? [[Math.floor(s / 60), 'minute'], [s % 60, 'second']] : [[s, 'second']];
  const shown = parts.filter(([v], i) => i === 0 || v > 0).map(([v, unit]) => formatUnit(v, unit));
  return cached('l', { type: 'unit' }, (l) => new Intl.ListFormat(l, { type: 'unit', style: 'narrow' })).format(shown);
}

/** The editor's own time zone (for instants that belong to no channel). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Date and time of an instant in `zone` (default: the editor's), with the zone named. */
export function formatDateTime(iso: string | number | Date, zone: string = browserZone()): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: the fields one by one.
  return dateFormat({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(iso));
}

/** The calendar date of an instant in `zone`. */
export function formatDate(iso: string | number | Date, zone: string = browserZone()): string {
  return dateFormat({ dateStyle: 'medium', timeZone: zone }).format(new Date(iso));
}

/** The zone's name in the editor's language at instant `ms` (e.g. "中欧夏令时间"). */
export function zoneName(zone: string, ms: number): string | null {
  return dateFormat({ timeZone: zone, timeZoneName: 'long' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? null;
}
