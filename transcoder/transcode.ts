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
import { languageName as ownLanguageName } from './audio/language.js';
import { EBU_R128, loudnormFilter, measureLoudness, type LoudnessMeasurement } from './loudness/index.js';
import { writeManifest, type ManifestAudio, type ManifestVariant, type PackageManifest } from './manifest.js';
import { renderMaster, toBcp47, variantFigures } from './master-playlist.js';
import { measureRendition, type MeasuredRendition } from './measure.js';
import { packageTrickPlay } from './trickplay/index.js';
import { AUDIO_NAME, MEDIA_PLAYLIST, buildPackageSpec, buildPosterSpec, renditionDir } from './package.js';
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
    const target = opts.loudnessTarget ?? EBU_R128;
    let sourceLoudness: LoudnessMeasurement | null = null;
    try {
      // loudness pass 1: measure the source audio as it will be packaged (stereo downmix, the
      // packaged duration); pass 2 is a linear gain inside the one packaging process
      if (ladder.audio) {
        sourceLoudness = await measureLoudness(bins, input, {
          streamIndex: ladder.audio.streamIndex,
          durationSec: ladder.durationSec,
          target,
          preFilter: 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo',
          signal,
          logger: log,
        });
      }
    } catch (e) {
      if (signal?.aborted || (e instanceof FfmpegRunError && e.aborted)) throw aborted();
      throw new TranscodeError('not_media', input, `the audio stream cannot be decoded: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    const spec = buildPackageSpec(source, ladder, tmp, {
      preset: opts.preset,
      ...(sourceLoudness ? { loudnorm: loudnormFilter(sourceLoudness, target) } : {}),
    });
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
    const variants: ManifestVariant[] = [];
    const measuredVideo: MeasuredRendition[] = [];
    for (const rung of ladder.rungs) {
      const uri = `${renditionDir(rung.name)}/${MEDIA_PLAYLIST}`;
      const m = await measureRendition(tmp, uri);
      measuredVideo.push(m);
      variants.push({ uri, width: rung.width, height: rung.height, fps: rung.fps, peakBitrate: m.peakBitrate, averageBitrate: m.averageBitrate, codec: m.init.codec });
    }
    const decoded = Math.min(...measuredVideo.map((v) => v.totalDurationSec));
    if (decoded < ladder.durationSec - MAX_SHORTFALL_SEC) {
      throw new TranscodeError('truncated', input, `the file is truncated: video stops at ${decoded.toFixed(2)} s of ${ladder.durationSec.toFixed(2)} s`);
    }
    const audio: ManifestAudio[] = [];
    if (ladder.audio && sourceLoudness) {
      const language = toBcp47(opts.audioLanguage ?? source.audio?.language);
      const uri = `${renditionDir(AUDIO_NAME)}/${MEDIA_PLAYLIST}`;
      const m = await measureRendition(tmp, uri);
      const result = await measureLoudness(bins, join(tmp, uri), { target, signal, logger: log });
      audio.push({
        uri,
        language,
        role: 'main',
        name: language === 'und' ? 'Original' : ownLanguageName(language),
        channels: 2,
        peakBitrate: m.peakBitrate,
        averageBitrate: m.averageBitrate,
        codec: m.init.codec,
        loudness: { target: { ...target }, source: sourceLoudness, result },
      });
      log.info({ input, source: sourceLoudness.integratedLufs, result: result.integratedLufs, target: target.integratedLufs }, 'audio loudness normalized');
    }
    const manifest: PackageManifest = {
      version: 1,
      durationSec: decoded,
      segmentSec: ladder.segmentSec,
      segmentDurations: measuredVideo[0]!.segments.map((s) => s.durationSec),
      poster: 'poster.jpg',
      variants,
      audio,
      subtitles: [],
      iframes: [],
      storyboard: null,
    };
    if (opts.trickPlay !== false) {
      const trick = await packageTrickPlay(bins, { outDir: tmp, variantPlaylists: variants.map((v) => v.uri), durationSec: decoded, signal, logger: log }).catch((e: unknown) => {
        if (signal?.aborted) throw aborted();
        throw new TranscodeError('ffmpeg_failed', input, `trick play failed: ${(e as Error).message}`, { cause: e });
      });
      manifest.iframes = trick.iframes.map((i) => ({ uri: i.uri, bandwidth: i.bandwidth, averageBandwidth: i.averageBandwidth, codecs: i.codecs, width: i.width, height: i.height }));
      manifest.storyboard = trick.storyboardVtt;
    }
    await writeManifest(tmp, manifest);
    await writeFile(join(tmp, 'master.m3u8'), renderMaster(manifest));

    const report = await verify(tmp);
    if (report.problems.length > 0) {
      log.error({ input, problems: report.problems }, 'packaged output failed verification');
      throw new TranscodeError('verify_failed', input, `output failed verification: ${report.problems.join('; ')}`);
    }
    if (signal?.aborted) throw aborted();
    await rename(tmp, outDir);
    opts.onProgress?.({ fraction: 1, etaSec: 0 });
    log.info({ input, outDir, segments: report.segments }, 'transcode done');

    const main = audio[0];
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
          segments: measuredVideo[i]!.segments.length,
        };
      }),
      audio: main ? { playlist: main.uri, bandwidth: main.peakBitrate, channels: main.channels, language: main.language, loudness: main.loudness! } : null,
      storyboard: manifest.storyboard,
      iframes: manifest.iframes.map((i) => i.uri),
    };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (e instanceof TranscodeError) log.warn({ input, code: e.code, err: e.message }, 'transcode failed');
    throw e;
  }
}
