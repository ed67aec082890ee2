// Locale-aware formatting with Intl, in the viewer's UI language and the region's timezone. Pure.

/** "1:05:03" / "4:07" for hours or minutes; null for unknown durations. Digits stay Latin (a clock). */
export function formatDuration(totalSec: number | null | undefined): string | null {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec) || totalSec < 0) return null;
  const s = Math.round(totalSec);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

interface DurationFormatLike {
  format(d: Record<string, number>): string;
}

/** "1 hr 5 min" in the viewer's language (Intl.DurationFormat where available, else unit formats). */
export function formatDurationWords(totalSec: number | null | undefined, locale: string): string | null {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec) || totalSec < 0) return null;
  const s = Math.round(totalSec);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = hours === 0 && minutes === 0 ? s : 0;
  const parts: Record<string, number> = {};
  if (hours) parts.hours = hours;
  if (minutes) parts.minutes = minutes;
  if (seconds || (!hours && !minutes)) parts.seconds = seconds;
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => DurationFormatLike }).DurationFormat;
  if (DurationFormat) return new DurationFormat(locale, { style: 'short' }).format(parts);
  const unit = (value: number, u: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const list = Object.entries(parts).map(([k, v]) => unit(v, k.slice(0, -1)));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(list);
}

/** A date (and time) in the viewer's language, on the region's clock. */
export function formatDateTime(iso: string | Date | null | undefined, locale: string, timeZone?: string, withTime = true): string | null {
  if (!iso) return null;
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const opts: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
  try {
    return new Intl.DateTimeFormat(locale, { ...opts, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, opts).format(date); // unknown timezone
  }
}

export function formatNumber(n: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(n);
}

/** "2.5 Mb/s" style bit rates. */
export function formatBitrate(bitsPerSec: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabit-per-second', maximumFractionDigits: 1 }).format(bitsPerSec / 1e6);
}

// One Intl.DisplayNames per locale and type: constructing one loads that locale's data and
// costs milliseconds each (the masthead names 11 languages and every region before the first
// frame, and again on each relabel).
const displayNamesCache = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string, type: 'language' | 'region'): Intl.DisplayNames {
  const key = `${type}:${locale}`;
  let names = displayNamesCache.get(key);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNamesCache.set(key, names);
  }
  return names;
}

/** Name of a language in the UI language ("français" → "French" for an English UI). */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    const name = displayNames(uiLanguage, 'language').of(tag);
    return name ?? tag;
  } catch {
    return tag;
  }
}

export function regionName(code: string, uiLanguage: string): string {
  if (code === 'WW') return '';
  try {
    return displayNames(uiLanguage, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

/** Keep ?lang= (and ?region=) on internal links so a shared URL opens in the same language. */
export function withLangQuery(path: string, currentSearch: string): string {
  const current = new URLSearchParams(currentSearch);
  const out = new URLSearchParams();
  for (const key of ['lang', 'region']) {
    const v = current.get(key);
    if (v) out.set(key, v);
  }
  const q = out.toString();
  return q ? `${path}?${q}` : path;
}
