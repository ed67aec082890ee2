// Where each entry of a studio plan airs, and what each region sees then (issue 12): the stored
// entries' own runs and, in loop mode, their repeats, for the day view to show the day as it airs.
//
// Both come from the live channel's own timeline (timeline.ts), never from loop arithmetic of
// ours: the same entries compiled once more with rights that allow everything air each entry
// whole, so that timeline's airings ARE the entries' runs on the grid, cycle after cycle (the
// placement: an entry's first slot boundary, its length in segments, an entry cut short by the
// next, the cycle's length). The channel's real timeline then tells what each region airs
// during each run: the programme, the entry's alternative, or the slate.
import type { Airing, CompiledTimeline, TimelineEntry, TimelineInput } from './live-types.js';
import { compileTimeline } from './timeline.js';

/** One run of an entry on the grid: its own (the stored one) or a repeat. */
export interface EntryRun {
  entry: TimelineEntry;
  startMs: number;
  endMs: number;
}

/** What a region airs during a run, clipped to it (programmeId null: the slate). */
export interface RunAiring {
  programmeId: string | null;
  replaced: boolean;
  startMs: number;
  endMs: number;
}

/** Any region: with every right granted, what airs does not depend on it. */
const ANY_REGION = '*';

export interface EntryRuns {
  /** Each entry's own run (its first airing), by entry id, for the entries whose run overlaps the range searched. */
  own: Map<string, EntryRun>;
  /** The repeats overlapping [fromMs, toMs), in order, at most `maxRepeats`. */
  repeats: EntryRun[];
  /** How many more repeats overlap the range after those listed. */
  leftOut: number;
}

/**
 * The runs of `input`'s entries overlapping [fromMs, toMs) (whole: a run may begin before fromMs).
 * An entry's own run begins at the first slot boundary at or after its stored start, less than one
 * segment later (live-types.ts); any later run of it is a repeat.
 */
export function entryRuns(input: Omit<TimelineInput, 'rights'>, fromMs: number, toMs: number, maxRepeats: number): EntryRuns {
  const placement = compileTimeline({ ...input, rights: { available: () => true, changes: () => [] } });
  const byId = new Map(input.entries.map((e) => [e.id, e]));
  const own = new Map<string, EntryRun>();
  const repeats: EntryRun[] = [];
  let leftOut = 0;
  // A segment either side: an entry stored just before `to` may air from the next slot boundary on.
  for (const a of placement.airings(ANY_REGION, fromMs - input.segmentMs, toMs + input.segmentMs)) {
    const entry = a.entryId === null || a.slate ? undefined : byId.get(a.entryId);
    if (!entry) continue;
    const run = { entry, startMs: a.startMs, endMs: a.endMs };
    if (a.startMs < entry.start.getTime() + input.segmentMs) own.set(entry.id, run);
    else if (a.endMs > fromMs && a.startMs < toMs) {
      if (repeats.length < maxRepeats) repeats.push(run);
      else leftOut++;
    }
  }
  return { own, repeats, leftOut };
}

/**
 * What `region` airs during each of `runs` (in order of start), by the channel's `timeline`: its
 * airings of that run's entry, clipped to the run (the timeline joins the slate of one entry's
 * consecutive runs into one airing). One timeline query for all the runs.
 */
export function airsDuring(timeline: CompiledTimeline, region: string, runs: readonly EntryRun[]): RunAiring[][] {
  if (runs.length === 0) return [];
  const all: Airing[] = timeline.airings(region, runs[0]!.startMs, Math.max(...runs.map((r) => r.endMs)));
  let j = 0;
  return runs.map((run) => {
    while (j < all.length && all[j]!.endMs <= run.startMs) j++;
    const out: RunAiring[] = [];
    for (let k = j; k < all.length && all[k]!.startMs < run.endMs; k++) {
      const a = all[k]!;
      if (a.entryId !== run.entry.id) continue;
      out.push({ programmeId: a.slate ? null : a.programmeId, replaced: a.replaced, startMs: Math.max(a.startMs, run.startMs), endMs: Math.min(a.endMs, run.endMs) });
    }
    return out;
  });
}
