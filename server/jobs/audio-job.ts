// The audio job: one audio language (an uploaded audio file, or a video whose first audio
// stream is taken) measured, loudness-normalized, encoded and segmented on the video's
// boundaries, then published in a new rendition folder (TrackService). The video is untouched.
import type { AudioJobPayload, TrackService } from '../catalog/tracks.js';
import { jobErrorMessage } from './job-error.js';
import { LeaseLostError } from './queue.js';
import type { JobHandler } from './worker.js';

export function audioJobHandler(tracks: TrackService): JobHandler {
  return async (job, ctx) => {
    const p = job.payload as AudioJobPayload;
    if (typeof p.source !== 'string' || typeof p.locale !== 'string') throw new Error('job payload has no source or locale');
    ctx.reportProgress(0, null);
    try {
      const track = await tracks.addAudio(job.programmeId, p, { signal: ctx.signal, logger: ctx.logger, lease: ctx.lease });
      ctx.logger.info({ locale: track.language, role: track.role, loudness: track.loudness }, 'audio language published');
    } catch (err) {
      // Taken over (the switch was rolled back) or stopped: the worker handles those, unwrapped.
      if (ctx.signal.aborted || err instanceof LeaseLostError) throw err;
      // What the editor reads, without server paths; the worker logs the cause in full.
      throw new Error(jobErrorMessage(err, 'the audio could not be packaged'), { cause: err });
    }
  };
}
