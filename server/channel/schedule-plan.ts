// Pure: a schedule write's entries → their start and end times. An entry without a start follows
// the previous one's end; entries must not overlap each other (planEntries) nor the last entry
// kept before the write (assertAfterKept). No database here: schedule.ts looks the durations up and stores the result.
import { createHash } from 'node:crypto';
import { ChannelError } from './errors.js';

/**
 * The times a schedule may hold, stored alike by SQLite and PostgreSQL: from 1970 to the year
 * 9000 (PostgreSQL has no year 0 and refuses it; chained ends must stay in range too).
 */
export const EARLIEST_MS = Date.UTC(1970, 0, 1);
export const LATEST_MS = Date.UTC(9000, 0, 1);

/** `d` clamped into [EARLIEST_MS, LATEST_MS] (a range query past either end means the same). */
export function clampToRange(d: Date): Date {
  return new Date(Math.min(LATEST_MS, Math.max(EARLIEST_MS, d.getTime())));
}

export interface EntryInput {
  programmeId: string;
  start?: Date;
  /** { <REGION>: programmeId | null }: another programme, or the slate (null), in that region. */
  alternatives?: Record<string, string | null>;
}

export interface PlannedEntry {
  programmeId: string;
  start: Date;
  end: Date;
  alternatives: Record<string, string | null>;
}

/** The last entry kept before the write (it ends at `end`). */
export interface KeptEntry {
  end: Date;
}

/**
 * Computes each entry's start (given or chained) and end (start + its programme's duration in ms).
 * Throws ChannelError('invalid') naming `entries.<i>.start` for a first entry without start, a
 * time out of range, or an entry that begins before the previous one ends.
 */
export function planEntries(entries: readonly EntryInput[], durationMs: (programmeId: string) => number): PlannedEntry[] {
  const planned: PlannedEntry[] = [];
  let previousEnd: Date | undefined;
  for (const [i, e] of entries.entries()) {
    const field = `entries.${i}.start`;
    let start: Date;
    if (e.start) start = e.start;
    else if (i > 0) start = planned[i - 1]!.end;
    else throw new ChannelError('invalid', `${field}: the first entry needs a start (later ones may follow the previous one)`, field);
    if (start.getTime() < EARLIEST_MS || start.getTime() >= LATEST_MS) throw new ChannelError('invalid', `${field}: must be between 1970 and the year 9000`, field);
    if (previousEnd && start.getTime() < previousEnd.getTime()) {
      throw new ChannelError('invalid', `${field}: ${start.toISOString()} overlaps entries.${i - 1}, which ends at ${previousEnd.toISOString()}`, field);
    }
    const end = new Date(start.getTime() + durationMs(e.programmeId));
    if (end.getTime() > LATEST_MS) throw new ChannelError('invalid', `${field}: the entry would end after the year 9000`, field);
    planned.push({ programmeId: e.programmeId, start, end, alternatives: e.alternatives ?? {} });
    previousEnd = end;
  }
  return planned;
}

/** Throws ChannelError('invalid') naming entries.0.start when the write's first entry begins before the kept entry before it ends. */
export function assertAfterKept(planned: readonly PlannedEntry[], kept: KeptEntry | null): void {
  const first = planned[0];
  if (!first || !kept || first.start.getTime() >= kept.end.getTime()) return;
  const field = 'entries.0.start';
  throw new ChannelError('invalid', `${field}: ${first.start.toISOString()} overlaps the entry before it in the stored schedule, which ends at ${kept.end.toISOString()}`, field);
}

/** What a write replaces: the entries starting in [from, to); from defaults to the write's first start, to to the end of time. */
export interface ReplaceRange {
  from?: Date;
  to?: Date;
}

/**
 * Throws ChannelError('invalid') for a range that ends before it begins (field `to`), a first
 * entry before `from`, or an entry starting at or after `to` (entries.<i>.start).
 */
export function assertInRange(planned: readonly PlannedEntry[], { from, to }: ReplaceRange): void {
  if (to && !from) throw new ChannelError('invalid', 'to: give from with to (the range replaced is [from, to))', 'to');
  if (from && to && to.getTime() <= from.getTime()) throw new ChannelError('invalid', 'to: must be after from', 'to');
  const first = planned[0];
  if (first && from && first.start.getTime() < from.getTime()) {
    throw new ChannelError('invalid', `entries.0.start: ${first.start.toISOString()} is before ${from.toISOString()}, where the replacement begins (from)`, 'entries.0.start');
  }
  const late = to ? planned.findIndex((e) => e.start.getTime() >= to.getTime()) : -1;
  if (late >= 0) {
    const field = `entries.${late}.start`;
    throw new ChannelError('invalid', `${field}: ${planned[late]!.start.toISOString()} is at or after ${to!.toISOString()}, where the replacement ends (to)`, field);
  }
}

/** The first entry kept after the write (it starts at `start`). */
export interface NextEntry {
  start: Date;
}

/** Throws ChannelError('invalid') naming the write's last entry when it ends after the kept entry after it begins. */
export function assertBeforeNext(planned: readonly PlannedEntry[], next: NextEntry | null): void {
  const last = planned.at(-1);
  if (!last || !next || last.end.getTime() <= next.start.getTime()) return;
  const field = `entries.${planned.length - 1}.start`;
  throw new ChannelError('invalid', `${field}: the entry ends at ${last.end.toISOString()}, after the next entry in the stored schedule begins (${next.start.toISOString()})`, field);
}

/** A schedule's ETag: `"v<version>"`. */
export function scheduleEtag(version: number): string {
  return `"v${version}"`;
}

/**
 * A studio plan's ETag: `"v<version>-<digest of the answer>"`. The schedule version alone would not
 * do: a plan also follows rights and readiness, which change with no new version, and a 304 must
 * not keep an editor on a stale one. Not an If-Match value for a write (that is scheduleEtag).
 */
export function planEtag(version: number, body: string): string {
  return `"v${version}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
}

/** The version an If-Match value names (`"v3"`, or weak `W/"v3"`), or null when it names none. */
export function versionOfEtag(value: string): number | null {
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}
