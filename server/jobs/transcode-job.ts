// The transcode job: source (fetched from the MediaStore to local disk) → transcoder → a new
// rendition folder → committed to the store (uploaded, for an object store) → the programme
// switched to it in one update. Adapts Podium's world to the transcoder library.
import { randomUUID } from 'node:crypto';
import { readManifest, type FfmpegBinaries, type LoudnessTarget, type TranscodeOptions, type TranscodeResult } from '../../transcoder/index.js';
import { summarizeManifest } from '../catalog/media-tracks.js';
import type { ProgrammeService, TranscodePayload } from '../catalog/programmes.js';
import type { TrackService } from '../catalog/tracks.js';
import type { LocalCopy, MediaStore } from '../media/store.js';
import { jobErrorMessage } from './job-error.js';
import { LeaseLostError } from './queue.js';
import type { JobHandler } from './worker.js';

export type TranscodeFn = (opts: TranscodeOptions) => Promise<TranscodeResult>;

export interface TranscodeJobDeps {
  bins: FfmpegBinaries;
  media: MediaStore;
  catalog: ProgrammeService;
  transcode: TranscodeFn;
  /** x264 preset passed to the transcoder (tests use "ultrafast"). */
  preset?: string;
  /** Carries added audio languages and subtitles over to the new video (issue 5). */
  tracks?: TrackService;
  /** PODIUM_LOUDNESS_TARGET (EBU R128 when absent) */
  loudnessTarget?: LoudnessTarget;
  /** Told the media duration encoded and the wall time it took (the metrics' encode speed). */
  onEncoded?(mediaSec: number, wallSec: number): void;
}

export function transcodeJobHandler(deps: TranscodeJobDeps): JobHandler {
  return async (job, ctx) => {
    const payload = job.payload as TranscodePayload & { audioLanguage?: string };
    if (typeof payload.source !== 'string') throw new Error('job payload has no source');
    // A fresh rendition id per attempt: a published folder is never rewritten.
    let renditionId: string = randomUUID();
    let { dir, key } = await deps.media.prepareRendition(job.programmeId, renditionId);
    let source: LocalCopy | undefined;
    let publishing = false;
    const started = Date.now();
    try {
      source = await deps.media.fetchSource(payload.source);
      const result = await deps.transcode({
        bins: deps.bins,
        input: source.path,
        outDir: dir,
        logger: ctx.logger,
        signal: ctx.signal,
        onProgress: (p) => ctx.reportProgress(p.fraction, p.etaSec),
        ...(payload.audioLanguage ? { audioLanguage: payload.audioLanguage } : {}),
        ...(deps.preset ? { preset: deps.preset } : {}),
        ...(deps.loudnessTarget ? { loudnessTarget: deps.loudnessTarget } : {}),
      });
      await source.release();
      source = undefined;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      deps.onEncoded?.(result.durationSec, (Date.now() - started) / 1000);
      const carried = await deps.tracks?.carryOver(job.programmeId, { key, dir }, { signal: ctx.signal, logger: ctx.logger });
      if (carried) {
        renditionId = carried.renditionId;
        key = carried.key;
        dir = carried.dir;
      }
      if (ctx.signal.aborted) throw ctx.signal.reason;
      // audio languages (with loudness), subtitles and storyboard, from the folder's manifest
      const mediaTracks = await readManifest(dir).then((m) => JSON.stringify(summarizeManifest(m)), () => undefined);
      // Readable at its key (an object store: uploaded, master last) before the programme names it.
      await deps.media.commitRendition({ dir, key });
      if (ctx.signal.aborted) throw ctx.signal.reason;
      publishing = true;
      // Switched in the transaction that records the job succeeded, only while this worker holds it.
      await deps.catalog.publishRendition(job.programmeId, { renditionId, renditionKey: key, durationSec: result.durationSec, poster: result.poster, ...(mediaTracks ? { mediaTracks } : {}) }, ctx.lease);
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // Another worker runs the job now and publishes its own folder: this one goes (the
        // transaction switched nothing).
        await deps.media.removeRendition(key).catch(() => undefined);
        throw err;
      }
      // Never published: its prepared folder and whatever was uploaded of it go now. A failed
      // publish may still have switched the programme: the orphan sweep, which reads the rows, decides.
      if (!publishing) await deps.media.removeRendition(key).catch((e: unknown) => ctx.logger.warn({ err: e, key }, 'could not remove an unpublished rendition'));
      if (ctx.signal.aborted) throw err;
      await deps.catalog.transcodeFailed(job.programmeId);
      // What the editor reads, without server paths; the worker logs the cause in full.
      throw new Error(jobErrorMessage(err, 'the source could not be transcoded'), { cause: err });
    } finally {
      await source?.release();
    }
  };
}
