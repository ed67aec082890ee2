// Wall-clock dates and times in a channel's IANA time zone, with Intl alone (the browser's own
// time-zone data; the studio bundles none). A day is [its midnight, the next midnight) in the
// zone, so a day with a daylight-saving change lasts 23 or 25 hours.

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

/** e.g. "Friday 24 July 2026". */
export function longDate(date: string): string {
  return format('UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.parse(`${date}T12:00:00Z`));
}

/** e.g. "Europe/Paris (CEST)": the zone named, with its abbreviation on that day. */
export function zoneLabel(zone: string, ms: number): string {
  const short = format(zone, { timeZoneName: 'short' }, 'en-US').formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone} (${short})` : zone;
}

/** "45 s", "10 min", "1 h 05 min". */
export function formatLength(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const sec = s % 60;
  if (min < 60) return sec ? `${min} min ${pad(sec)} s` : `${min} min`;
  return `${Math.floor(min / 60)} h ${pad(min % 60)} min`;
}
