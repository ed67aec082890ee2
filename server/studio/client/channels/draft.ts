// The day editor's model, pure (no DOM): the entries that start in one day of a channel, in
// order, each either pinned to a time or following the previous one; their times laid out from
// the programmes' durations; reordering, removal, alternatives; and the body of the schedule
// write that replaces exactly that day (PUT /api/channels/:id/schedule with from and to).
import type { StoredEntry } from '../types.js';

export interface DraftEntry {
  /** Stable while the page lives (list keys, element ids). */
  key: string;
  /** The stored entry this one came from, or null for one added here. */
  storedId: string | null;
  programmeId: string;
  /** A pinned start (Unix ms), or null: the entry follows the previous one. */
  start: number | null;
  alternatives: Record<string, string | null>;
}

export interface LaidOut {
  entry: DraftEntry;
  start: number;
  end: number;
  /** The slate before the entry (ms; 0 when it follows at once). */
  gapBefore: number;
  /** Starts before the previous entry ends: the server will refuse it. */
  overlaps: boolean;
}

export interface DayFrame {
  /** The day's first instant and the next day's, in the channel's zone. */
  from: number;
  to: number;
  /** The end of an entry from the previous day that runs into this one, if any. */
  carriedEnd: number | null;
}

let counter = 0;
const newKey = () => `e${++counter}`;

/** The entries starting in [frame.from, frame.to), as stored: the first pinned, the others pinned where a gap precedes them. */
export function fromStored(entries: readonly StoredEntry[], frame: DayFrame): DraftEntry[] {
  const out: DraftEntry[] = [];
  let previousEnd: number | null = frame.carriedEnd;
  for (const e of entries) {
    const start = Date.parse(e.start);
    if (start < frame.from || start >= frame.to) continue;
    out.push({ key: newKey(), storedId: e.id, programmeId: e.programmeId, start: out.length === 0 || start !== previousEnd ? start : null, alternatives: { ...e.alternatives } });
    previousEnd = Date.parse(e.end);
  }
  return out;
}

/** Each entry's start and end; `durationMs` is the programme's length (0 when unknown). */
export function layout(entries: readonly DraftEntry[], durationMs: (programmeId: string) => number, frame: DayFrame): LaidOut[] {
  const out: LaidOut[] = [];
  let cursor = Math.max(frame.from, frame.carriedEnd ?? frame.from);
  let previousEnd = frame.carriedEnd ?? frame.from;
  for (const entry of entries) {
    const start = entry.start ?? cursor;
    const end = start + durationMs(entry.programmeId);
    out.push({ entry, start, end, gapBefore: Math.max(0, start - previousEnd), overlaps: start < previousEnd });
    cursor = end;
    previousEnd = end;
  }
  return out;
}

/**
 * Moves entry `index` by `delta` places. The times stay where they were and the programmes move:
 * two swapped entries swap their pinned starts too, so the first programme still starts on time.
 */
export function move(entries: readonly DraftEntry[], index: number, delta: -1 | 1): DraftEntry[] {
  const other = index + delta;
  if (other < 0 || other >= entries.length) return [...entries];
  const out = [...entries];
  const a = out[index]!;
  const b = out[other]!;
  out[index] = { ...b, start: a.start };
  out[other] = { ...a, start: b.start };
  return out;
}

/** Removes entry `index`; its pinned start passes to the entry after it when that one follows it. */
export function remove(entries: readonly DraftEntry[], index: number): DraftEntry[] {
  const out = [...entries];
  const [gone] = out.splice(index, 1);
  const next = out[index];
  if (gone && gone.start !== null && next && next.start === null) out[index] = { ...next, start: gone.start };
  return out;
}

/** Appends a programme after the last entry. */
export function append(entries: readonly DraftEntry[], programmeId: string): DraftEntry[] {
  return [...entries, { key: newKey(), storedId: null, programmeId, start: null, alternatives: {} }];
}

/** Replaces entry `index` with `change` applied. */
export function update(entries: readonly DraftEntry[], index: number, change: Partial<Omit<DraftEntry, 'key'>>): DraftEntry[] {
  return entries.map((e, i) => (i === index ? { ...e, ...change } : e));
}

export interface ScheduleWrite {
  from: string;
  to: string;
  entries: { programmeId: string; start?: string; alternatives: Record<string, string | null> }[];
}

/** The write that replaces the day with `laid`: the first entry and every pinned one carry their start; the others follow. */
export function toWrite(laid: readonly LaidOut[], frame: DayFrame): ScheduleWrite {
  return {
    from: new Date(frame.from).toISOString(),
    to: new Date(frame.to).toISOString(),
    entries: laid.map((l, i) => ({
      programmeId: l.entry.programmeId,
      ...(i === 0 || l.entry.start !== null ? { start: new Date(l.start).toISOString() } : {}),
      alternatives: l.entry.alternatives,
    })),
  };
}

/** Same programme, start and alternatives as the stored entry it came from: the plan computed for that entry still holds. */
export function unchanged(l: LaidOut, stored: ReadonlyMap<string, StoredEntry>): boolean {
  const s = l.entry.storedId ? stored.get(l.entry.storedId) : undefined;
  if (!s) return false;
  const same = (a: Record<string, string | null>, b: Record<string, string | null>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return s.programmeId === l.entry.programmeId && Date.parse(s.start) === l.start && same(s.alternatives, l.entry.alternatives);
}
