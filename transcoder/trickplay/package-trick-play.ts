/** Both trick-play extras for a packaged ladder, in one call (what phase 2 wires in). */
import type { FfmpegBinaries, Logger } from '../types.js';
import { makeStoryboard, type Storyboard } from './storyboard.js';
import { writeIFramePlaylist, type IFramePlaylist } from './iframes.js';

export interface TrickPlayOptions {
  /** rendition root (folder of master.m3u8) */
  outDir: string;
  /** every video rung's media playlist, relative to outDir, in master order */
  variantPlaylists: readonly string[];
  durationSec: number;
  /** storyboard sub-folder, default "storyboard" */
  storyboardDir?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface TrickPlay {
  /** one per rung, same order: write `line` into the master after the EXT-X-STREAM-INF entries */
  iframes: IFramePlaylist[];
  storyboard: Storyboard;
  /** the storyboard index relative to outDir, e.g. "storyboard/storyboard.vtt" */
  storyboardVtt: string;
}

/**
 * Both trick-play extras for a packaged ladder: I-frame playlists for every rung (no decode)
 * and the storyboard decoded from the smallest rung (cheap: ~0.4 % of a 1080p transcode).
 */
export async function packageTrickPlay(bins: FfmpegBinaries, opts: TrickPlayOptions): Promise<TrickPlay> {
  const iframes: IFramePlaylist[] = [];
  for (const p of opts.variantPlaylists) iframes.push(await writeIFramePlaylist({ variantPlaylist: `${opts.outDir}/${p}`, masterDir: opts.outDir }));
  const smallest = opts.variantPlaylists[iframes.reduce((best, r, i) => (r.width * r.height < iframes[best]!.width * iframes[best]!.height ? i : best), 0)]!;
  const sub = opts.storyboardDir ?? 'storyboard';
  const storyboard = await makeStoryboard(bins, {
    input: `${opts.outDir}/${smallest}`,
    outDir: `${opts.outDir}/${sub}`,
    durationSec: opts.durationSec,
    signal: opts.signal,
    logger: opts.logger,
  });
  return { iframes, storyboard, storyboardVtt: `${sub}/${storyboard.vtt}` };
}
