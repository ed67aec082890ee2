import type { Ladder, SourceInfo } from './types.js';

/** Pure: plans the rungs for a source. */
export function planLadder(source: SourceInfo): Ladder {
  void source;
  throw new Error('planLadder: not implemented yet');
}
