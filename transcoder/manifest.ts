/**
 * `podium.json`: the measured description of a packaged folder (variants, audio tracks with
 * their loudness, subtitles, I-frame playlists, storyboard). The master playlist is rendered from
 * it, so adding or removing a language rewrites the master without measuring the video again.
 * Not served to players (the media route only serves HLS file types).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AudioRole } from './audio/media.js';
import type { LoudnessReport } from './loudness/index.js';

export const MANIFEST = 'podium.json';

export interface ManifestVariant {
  /** media playlist, relative to the folder */
  uri: string;
  width: number;
  height: number;
  fps: number;
  peakBitrate: number;
  averageBitrate: number;
  /** RFC 6381 */
  codec: string;
}

export interface ManifestAudio {
  uri: string;
  /** BCP 47 ("und" when the source did not say) */
  language: string;
  role: AudioRole;
  /** menu label */
  name: string;
  channels: number;
  peakBitrate: number;
  averageBitrate: number;
  codec: string;
  /** measured source and result loudness (null: not normalized, e.g. a folder from before loudness) */
  loudness: LoudnessReport | null;
  /** the caller's opaque reference to the audio's source (e.g. an upload key), to package it again on a new video */
  origin?: string;
}

export interface ManifestSubtitle {
  uri: string;
  /** the whole document as clean UTF-8 WebVTT, relative to the folder (to cut it again on a new video) */
  full?: string;
  language: string;
  name: string;
  cues: number;
}

export interface ManifestIFrames {
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  width: number;
  height: number;
}

export interface PackageManifest {
  version: 1;
  durationSec: number;
  /** the ladder's segment length */
  segmentSec: number;
  /** EXTINF durations shared by every rendition (subtitles are cut on them) */
  segmentDurations: number[];
  poster: string;
  variants: ManifestVariant[];
  audio: ManifestAudio[];
  subtitles: ManifestSubtitle[];
  iframes: ManifestIFrames[];
  /** storyboard WebVTT index, relative to the folder; its cues use URIs relative to itself */
  storyboard: string | null;
}

export async function readManifest(dir: string): Promise<PackageManifest> {
  return parseManifest(await readFile(path.join(dir, MANIFEST), 'utf8'), dir);
}

/** A podium.json's text (read from disk or an object store) → its manifest; `where` names it in errors. */
export function parseManifest(text: string, where: string): PackageManifest {
  const m = JSON.parse(text) as PackageManifest;
  if (m.version !== 1) throw new Error(`${where}/${MANIFEST}: unknown version ${String(m.version)}`);
  return m;
}

export async function writeManifest(dir: string, m: PackageManifest): Promise<void> {
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(m, null, 2)}\n`);
}
