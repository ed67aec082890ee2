// Pure: a schedule write's entries → their start and end times. An entry without a start follows
// the previous one's end; entries must not overlap each other nor the last entry kept before the
// write. No database here: schedule.ts looks the durations up and stores the result.
import { ChannelError } from './errors.js';

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

/** The last entry kept before the write (it ends at `end`), when the write starts after it. */
export interface KeptEntry {
  end: Date;
}

/**
 * Computes each entry's start (given or chained) and end (start + its programme's duration in ms).
 * Throws ChannelError('invalid') naming `entries.<i>.start` for a first entry without start or an
 * entry that begins before the previous one ends.
 */
export function planEntries(entries: readonly EntryInput[], durationMs: (programmeId: string) => number, kept?: KeptEntry): PlannedEntry[] {
  const planned: PlannedEntry[] = [];
  let previousEnd = kept?.end;
  for (const [i, e] of entries.entries()) {
    const field = `entries.${i}.start`;
    let start: Date;
    if (e.start) start = e.start;
    else if (i > 0) start = planned[i - 1]!.end;
    else throw new ChannelError('invalid', `${field}: the first entry needs a start (later ones may follow the previous one)`, field);
    if (previousEnd && start.getTime() < previousEnd.getTime()) {
      const what = i > 0 ? `entries.${i - 1}` : 'the entry before it in the stored schedule';
      throw new ChannelError('invalid', `${field}: ${start.toISOString()} overlaps ${what}, which ends at ${previousEnd.toISOString()}`, field);
    }
    const end = new Date(start.getTime() + durationMs(e.programmeId));
    planned.push({ programmeId: e.programmeId, start, end, alternatives: e.alternatives ?? {} });
    previousEnd = end;
  }
  return planned;
}

/** A schedule's ETag: `"v<version>"`. */
export function scheduleEtag(version: number): string {
  return `"v${version}"`;
}

/** The version an If-Match value names (`"v3"`, or weak `W/"v3"`), or null when it names none. */
export function versionOfEtag(value: string): number | null {
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}
