/**
 * probe → plan → package (one ffmpeg process) → measure → master playlist + poster → verify →
 * rename into place. Everything is written to a temp folder beside outDir; on any failure or
 * abort the temp folder is removed, so no half result ever looks playable.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FfmpegRunError, runFfmpeg } from './ffmpeg/command.js';
import { TranscodeError } from './errors.js';
import { planLadder } from './ladder.js';
import { languageName, renderMaster, toBcp47, variantFigures, type MasterAudio, type MasterVariant } from './master-playlist.js';
import { measureRendition } from './measure.js';
import { AUDIO_GROUP, AUDIO_NAME, MEDIA_PLAYLIST, buildPackageSpec, buildPosterSpec, renditionDir } from './package.js';
import { probe } from './probe.js';
import { createProgressParser } from './progress.js';
import type { Logger, TranscodeOptions, TranscodeResult } from './types.js';
import { verify } from './verify.js';

const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };
/** decoded video may fall this much short of the probed duration before we call it truncated */
const MAX_SHORTFALL_SEC = 0.5;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function transcode(opts: TranscodeOptions): Promise<TranscodeResult> {
  const { bins, signal } = opts;
  const input = resolve(opts.input);
  const outDir = resolve(opts.outDir);
  const log = opts.logger ?? silent;
  const aborted = (): TranscodeError => new TranscodeError('aborted', input, 'the transcode was aborted');

  if (await exists(outDir)) throw new Error(`output folder ${outDir} already exists`);
  if (signal?.aborted) throw aborted();

  const source = await probe(bins, input, signal);
  const ladder = planLadder(source);
  log.info({ input, source, rungs: ladder.rungs.map((r) => r.name), durationSec: ladder.durationSec }, 'transcode planned');

  await mkdir(dirname(outDir), { recursive: true });
  const tmp = join(dirname(outDir), `.${basename(outDir)}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  try {
    // a throwing callback must not crash ffmpeg's stderr handler
    const progress = createProgressParser(ladder.durationSec, (p) => {
      try {
        opts.onProgress?.(p);
      } catch (e) {
        log.warn({ err: String(e) }, 'onProgress callback threw');
      }
    });
    const spec = buildPackageSpec(source, ladder, tmp, { preset: opts.preset });
    try {
      await runFfmpeg(bins, spec, { signal, logger: log, onStderrLine: progress.onLine });
      if (signal?.aborted) throw aborted();
      await runFfmpeg(bins, buildPosterSpec(source, ladder, join(tmp, 'poster.jpg')), { signal, logger: log });
    } catch (e) {
      if (e instanceof TranscodeError) throw e;
      if (signal?.aborted || (e instanceof FfmpegRunError && e.aborted)) throw aborted();
      const detail = e instanceof FfmpegRunError ? (e.stderrTail.trim().split('\n').at(-1) || e.message) : String(e);
      throw new TranscodeError('ffmpeg_failed', input, `ffmpeg failed: ${detail}`, { cause: e });
    }

    // measure what was written, then describe it
    const variants: MasterVariant[] = [];
    for (const rung of ladder.rungs) {
      const uri = `${renditionDir(rung.name)}/${MEDIA_PLAYLIST}`;
      variants.push({ uri, width: rung.width, height: rung.height, fps: rung.fps, video: await measureRendition(tmp, uri) });
    }
    const decoded = Math.min(...variants.map((v) => v.video.totalDurationSec));
    if (decoded < ladder.durationSec - MAX_SHORTFALL_SEC) {
      throw new TranscodeError('truncated', input, `the file is truncated: video stops at ${decoded.toFixed(2)} s of ${ladder.durationSec.toFixed(2)} s`);
    }
    let audio: MasterAudio | null = null;
    if (ladder.audio) {
      const language = toBcp47(opts.audioLanguage ?? source.audio?.language);
      const uri = `${renditionDir(AUDIO_NAME)}/${MEDIA_PLAYLIST}`;
      audio = { uri, groupId: AUDIO_GROUP, language, name: languageName(language), channels: 2, audio: await measureRendition(tmp, uri) };
    }
    await writeFile(join(tmp, 'master.m3u8'), renderMaster(variants, audio));

    const report = await verify(tmp);
    if (report.problems.length > 0) {
      log.error({ input, problems: report.problems }, 'packaged output failed verification');
      throw new TranscodeError('verify_failed', input, `output failed verification: ${report.problems.join('; ')}`);
    }
    if (signal?.aborted) throw aborted();
    await rename(tmp, outDir);
    opts.onProgress?.({ fraction: 1, etaSec: 0 });
    log.info({ input, outDir, segments: report.segments }, 'transcode done');

    return {
      durationSec: report.durationSec,
      master: 'master.m3u8',
      poster: 'poster.jpg',
      variants: variants.map((v, i) => {
        const f = variantFigures(v, audio);
        return {
          name: ladder.rungs[i]!.name,
          playlist: v.uri,
          width: v.width,
          height: v.height,
          fps: v.fps,
          bandwidth: f.bandwidth,
          averageBandwidth: f.averageBandwidth,
          codecs: f.codecs,
          segments: v.video.segments.length,
        };
      }),
      audio: audio && { playlist: audio.uri, bandwidth: audio.audio.peakBitrate, channels: audio.channels, language: audio.language },
    };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (e instanceof TranscodeError) log.warn({ input, code: e.code, err: e.message }, 'transcode failed');
    throw e;
  }
}
