/**
 * Adding, replacing and removing audio languages and subtitles on a packaged folder without
 * touching the video. Published folders are immutable, so every change makes a NEW folder: the
 * unchanged files (video segments, other languages, trick play) are hard-linked from the current
 * folder (copied when links are impossible, e.g. across filesystems), the new renditions are
 * linked in from where they were staged, then podium.json and master.m3u8 are written, the
 * result verified and renamed into place. The video bytes of the new folder are the old ones.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { canonicalLanguage, languageName } from './audio/language.js';
import { defaultAudioName, type AudioRole } from './audio/media.js';
import { packageAudioRendition } from './audio/rendition.js';
import { TranscodeError } from './errors.js';
import { EBU_R128, type LoudnessTarget } from './loudness/index.js';
import { MANIFEST, readManifest, writeManifest, type ManifestAudio, type ManifestSubtitle, type PackageManifest } from './manifest.js';
import { renderMaster } from './master-playlist.js';
import { packageSubtitleRendition, readSubtitles } from './subtitles/index.js';
import { serializeWebVtt, type WebVttDocument } from './subtitles/webvtt.js';

/** The whole subtitle document, beside its segments. */
const FULL_VTT = 'full.vtt';
import type { FfmpegBinaries, Logger } from './types.js';
import { verify } from './verify.js';

/** Folder of a staged or packaged track: the first path segment of its playlist URI. */
function folderOf(uri: string): string {
  return uri.split('/')[0]!;
}

/** Folder name for an audio track: audio_<language>_<role> (lower case, safe characters). */
export function audioFolderName(language: string, role: AudioRole): string {
  return `audio_${canonicalLanguage(language).toLowerCase().replace(/[^a-z0-9]+/g, '-')}_${role}`;
}

export function subtitleFolderName(language: string): string {
  return `subs_${canonicalLanguage(language).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export interface StageAudioOptions {
  /** the current packaged folder (its podium.json gives duration and segment boundaries) */
  fromDir: string;
  /** where the rendition is packaged (created if missing); later linked into the new folder */
  stagingDir: string;
  /** audio file, or a video whose first audio stream (or `streamIndex`) is taken */
  input: string;
  streamIndex?: number;
  language: string;
  role: AudioRole;
  name?: string;
  loudnessTarget?: LoudnessTarget;
  /** stored as the track's `origin` (see ManifestAudio) */
  origin?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface StagedTrack<T> {
  /** absolute path of the staged rendition folder */
  folder: string;
  track: T;
}

/** Measures, normalizes, encodes and segments one audio language on the video's boundaries. */
export async function stageAudioTrack(bins: FfmpegBinaries, opts: StageAudioOptions): Promise<StagedTrack<ManifestAudio>> {
  const base = await readManifest(opts.fromDir);
  const language = canonicalLanguage(opts.language);
  const name = audioFolderName(language, opts.role);
  await mkdir(opts.stagingDir, { recursive: true });
  const r = await packageAudioRendition(bins, {
    input: opts.input,
    ...(opts.streamIndex === undefined ? {} : { streamIndex: opts.streamIndex }),
    language,
    role: opts.role,
    segmentDurationSec: base.segmentSec,
    videoDurationSec: base.durationSec,
    loudnessTarget: opts.loudnessTarget ?? EBU_R128,
    outDir: opts.stagingDir,
    name,
    videoPlaylist: path.join(opts.fromDir, base.variants[0]!.uri),
    signal: opts.signal,
    logger: opts.logger,
  });
  return {
    folder: path.join(opts.stagingDir, name),
    track: {
      uri: r.playlist,
      language,
      role: opts.role,
      name: opts.name ?? defaultAudioName(language, opts.role),
      channels: r.channels,
      peakBitrate: r.peakBitrate,
      averageBitrate: r.avgBitrate,
      codec: r.codecs,
      loudness: r.loudness,
      ...(opts.origin ? { origin: opts.origin } : {}),
    },
  };
}

export interface StageSubtitleOptions {
  fromDir: string;
  stagingDir: string;
  /** raw bytes (validated by readSubtitles: SubtitleError with the line) or a parsed document */
  input: Uint8Array | WebVttDocument;
  language: string;
  name?: string;
}

/** Validates and segments one subtitle language on the video's boundaries (X-TIMESTAMP-MAP MPEGTS 0). */
export async function stageSubtitleTrack(opts: StageSubtitleOptions): Promise<StagedTrack<ManifestSubtitle>> {
  const base = await readManifest(opts.fromDir);
  const language = canonicalLanguage(opts.language);
  const folder = subtitleFolderName(language);
  await mkdir(opts.stagingDir, { recursive: true });
  const r = await packageSubtitleRendition({
    input: opts.input,
    language,
    segmentDurations: base.segmentDurations,
    outDir: opts.stagingDir,
    name: folder,
    mpegts: 0,
    ...(opts.name ? { label: opts.name } : {}),
  });
  // the whole document beside the segments, so a new video (new source upload) can be cut again
  const doc = opts.input instanceof Uint8Array ? readSubtitles(opts.input).doc : opts.input;
  await writeFile(path.join(opts.stagingDir, folder, FULL_VTT), serializeWebVtt(doc));
  return {
    folder: path.join(opts.stagingDir, folder),
    track: { uri: r.playlist, full: `${folder}/${FULL_VTT}`, language, name: opts.name ?? languageName(language), cues: r.cues },
  };
}

export interface TrackChanges {
  /** audio tracks to leave out (replaced or removed) */
  dropAudio?: (a: ManifestAudio) => boolean;
  dropSubtitles?: (s: ManifestSubtitle) => boolean;
  addAudio?: StagedTrack<ManifestAudio>[];
  addSubtitles?: StagedTrack<ManifestSubtitle>[];
}

/**
 * Makes `outDir` (must not exist) = `fromDir` with `changes` applied; returns its manifest.
 * Audio added for a language and role already present replaces it; subtitles likewise by
 * language. Throws TranscodeError('verify_failed') and leaves nothing when the result does not
 * verify.
 */
export async function composeRendition(fromDir: string, outDir: string, changes: TrackChanges, logger?: Logger): Promise<PackageManifest> {
  const base = await readManifest(fromDir);
  const addAudio = changes.addAudio ?? [];
  const addSubs = changes.addSubtitles ?? [];
  const replacedAudio = (a: ManifestAudio) => addAudio.some((n) => n.track.language === a.language && n.track.role === a.role);
  const replacedSub = (s: ManifestSubtitle) => addSubs.some((n) => n.track.language === s.language);
  const audio = base.audio.filter((a) => !changes.dropAudio?.(a) && !replacedAudio(a));
  const subtitles = base.subtitles.filter((s) => !changes.dropSubtitles?.(s) && !replacedSub(s));
  const dropped = new Set([...base.audio.filter((a) => !audio.includes(a)), ...base.subtitles.filter((s) => !subtitles.includes(s))].map((t) => folderOf(t.uri)));

  const manifest: PackageManifest = {
    ...base,
    // a replaced track keeps its place in the menu; new ones go last
    audio: mergeInOrder(base.audio, audio, addAudio.map((a) => a.track), (a, b) => a.language === b.language && a.role === b.role),
    subtitles: mergeInOrder(base.subtitles, subtitles, addSubs.map((s) => s.track), (a, b) => a.language === b.language),
  };
  const tmp = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  try {
    await linkTree(fromDir, tmp, (rel) => rel === 'master.m3u8' || rel === MANIFEST || dropped.has(rel.split('/')[0]!));
    for (const staged of [...addAudio, ...addSubs]) await linkTree(staged.folder, path.join(tmp, folderOf(staged.track.uri)), () => false);
    await writeManifest(tmp, manifest);
    await writeFile(path.join(tmp, 'master.m3u8'), renderMaster(manifest));
    const report = await verify(tmp);
    if (report.problems.length > 0) {
      logger?.error({ outDir, problems: report.problems }, 'recomposed rendition failed verification');
      throw new TranscodeError('verify_failed', outDir, `output failed verification: ${report.problems.join('; ')}`);
    }
    await rename(tmp, outDir);
    return manifest;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Existing order kept (replacements in place), additions that replace nothing appended. */
function mergeInOrder<T>(original: readonly T[], kept: readonly T[], added: readonly T[], same: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const t of original) {
    if (kept.includes(t)) out.push(t);
    else {
      const r = added.find((a) => same(a, t));
      if (r) out.push(r);
    }
  }
  for (const a of added) if (!out.includes(a)) out.push(a);
  return out;
}

/** Hard-links every file of `from` into `to` (created), except relative paths `skip` names. */
async function linkTree(from: string, to: string, skip: (rel: string) => boolean, rel = ''): Promise<void> {
  await mkdir(path.join(to, rel), { recursive: true });
  for (const entry of await readdir(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.') || skip(r)) continue;
    if (entry.isDirectory()) await linkTree(from, to, skip, r);
    else if (entry.isFile()) {
      await link(path.join(from, r), path.join(to, r)).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EXDEV' && e.code !== 'EPERM' && e.code !== 'EMLINK') throw e;
        await copyFile(path.join(from, r), path.join(to, r));
      });
    }
  }
}
