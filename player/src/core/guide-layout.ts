// The guide grid of a live page (issue 12), as data: the guide's programmes by day on the
// channel's clock (its IANA timezone, not the viewer's device), times formatted with Intl in the
// viewer's language, each row past / on air / to come, and which past rows can still be started
// over (they began inside the DVR window). Pure: the grid component draws what this returns,
// test/unit/player/guide-layout.test.ts checks it.
import type { GuideItem } from '../../../server/contracts/index.js';

export type GuideRowState = 'past' | 'now' | 'future';

export interface GuideRow {
  item: GuideItem;
  startMs: number;
  endMs: number;
  state: GuideRowState;
  /** Began inside the DVR window (and has begun): the stream still holds its start. */
  startOver: boolean;
  /** The programme the viewer is watching (the playhead's programme date time), behind the edge or not. */
  playing: boolean;
  /** "14:00–14:30" in the viewer's language on the channel's clock. */
  time: string;
  /** The start alone (machine-readable ISO in the <time> element, this for people). */
  startLabel: string;
}

export interface GuideDay {
  /** YYYY-MM-DD on the channel's clock. */
  key: string;
  /** "Friday 24 July" in the viewer's language. */
  label: string;
  rows: GuideRow[];
}

export interface GuideLayoutOptions {
  locale: string;
  timeZone: string;
  /** "Now" on the server's clock (ms). */
  nowMs: number;
  dvrSec: number;
  /** The playhead's programme date time (ms), when playing. */
  playingMs?: number | null;
  /** Rows kept before the programme on air (the newest), and from it on. */
  maxPastRows?: number;
  maxRows?: number;
}

/** Intl in a timezone the runtime may not know (an old ICU): then the viewer's own zone rather than nothing. */
function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, options);
  }
}

export interface GuideFormats {
  time(ms: number): string;
  range(startMs: number, endMs: number): string;
  day(ms: number): string;
  dayKey(ms: number): string;
}

// The live page lays the guide out every second: one set of formats per language and zone
// (each Intl.DateTimeFormat loads locale data), and each programme's range formatted once.
const formatsCache = new Map<string, GuideFormats>();
const RANGE_CACHE_MAX = 4000;

/** The formats a grid needs, in the viewer's language on the channel's clock. */
export function guideFormats(locale: string, timeZone: string): GuideFormats {
  const cacheKey = `${locale} ${timeZone}`;
  let formats = formatsCache.get(cacheKey);
  if (!formats) {
    formats = buildFormats(locale, timeZone);
    formatsCache.set(cacheKey, formats);
  }
  return formats;
}

function buildFormats(locale: string, timeZone: string): GuideFormats {
  const ranges = new Map<string, string>();
  const time = dateFormat(locale, timeZone, { hour: 'numeric', minute: '2-digit' });
  const day = dateFormat(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long' });
  // en-CA writes dates as YYYY-MM-DD: a stable key for "the same day on the channel's clock"
  const key = dateFormat('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    time: (ms: number) => time.format(ms),
    range: (startMs: number, endMs: number) => {
      const k = `${startMs}/${endMs}`;
      let text = ranges.get(k);
      if (text === undefined) {
        if (ranges.size >= RANGE_CACHE_MAX) ranges.clear();
        text = typeof time.formatRange === 'function' ? time.formatRange(startMs, endMs) : `${time.format(startMs)}–${time.format(endMs)}`;
        ranges.set(k, text);
      }
      return text;
    },
    day: (ms: number) => day.format(ms),
    dayKey: (ms: number) => key.format(ms),
  };
}

/**
 * The timezone's name in the viewer's language ("Central European Time", "中歐時間"), for "times in
 * …" above the grid: the generic name, else the specific one where the generic is only an offset
 * (UTC: "GMT+00:00" generic, "Coordinated Universal Time" specific), else whatever Intl has.
 */
export function zoneName(locale: string, timeZone: string, atMs: number): string {
  // asked every second by the live page: the name changes at most with daylight saving time
  const key = `${locale} ${timeZone} ${Math.floor(atMs / 3600_000)}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    if (zoneNames.size > 100) zoneNames.clear();
    name = lookUpZoneName(locale, timeZone, atMs);
    zoneNames.set(key, name);
  }
  return name;
}

const zoneNames = new Map<string, string>();

function lookUpZoneName(locale: string, timeZone: string, atMs: number): string {
  let fallback: string | null = null;
  for (const timeZoneName of ['longGeneric', 'long'] as const) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName }).formatToParts(atMs).find((p) => p.type === 'timeZoneName');
      if (part?.value && !/\d/.test(part.value)) return part.value;
      fallback ??= part?.value ?? null;
    } catch {
      /* an option or zone this runtime lacks: try the next */
    }
  }
  return fallback ?? timeZone;
}

/** The row state at `nowMs` and whether it can be started over with a DVR window of `dvrSec`. */
export function rowState(startMs: number, endMs: number, nowMs: number, dvrSec: number): { state: GuideRowState; startOver: boolean } {
  const state: GuideRowState = endMs <= nowMs ? 'past' : startMs <= nowMs ? 'now' : 'future';
  return { state, startOver: state !== 'future' && startMs >= nowMs - dvrSec * 1000 };
}

export function layoutGuide(items: readonly GuideItem[], o: GuideLayoutOptions): GuideDay[] {
  const f = guideFormats(o.locale, o.timeZone);
  const sorted = items
    .map((item) => ({ item, startMs: Date.parse(item.start), endMs: Date.parse(item.end) }))
    .filter((r) => Number.isFinite(r.startMs) && Number.isFinite(r.endMs) && r.endMs > r.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  // a long guide of short programmes (a loop of clips) is cut around what airs now
  const firstCurrent = sorted.findIndex((r) => r.endMs > o.nowMs);
  const pivot = firstCurrent === -1 ? sorted.length : firstCurrent;
  const from = Math.max(0, pivot - (o.maxPastRows ?? Number.POSITIVE_INFINITY));
  const kept = sorted.slice(from, from + (o.maxRows ?? Number.POSITIVE_INFINITY));
  const days: GuideDay[] = [];
  for (const r of kept) {
    const key = f.dayKey(r.startMs);
    let day = days[days.length - 1];
    if (!day || day.key !== key) {
      day = { key, label: f.day(r.startMs), rows: [] };
      days.push(day);
    }
    const playing = o.playingMs != null && r.startMs <= o.playingMs && o.playingMs < r.endMs;
    day.rows.push({ ...r, ...rowState(r.startMs, r.endMs, o.nowMs, o.dvrSec), playing, time: f.range(r.startMs, r.endMs), startLabel: f.time(r.startMs) });
  }
  return days;
}
