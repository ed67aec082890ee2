/**
 * Verifies a packaged folder as a player would see it: the master playlist and every media
 * playlist parse; every rendition has the same number of segments; video boundaries match
 * across rungs exactly and audio within one AAC frame; every video segment starts with a
 * keyframe; declared BANDWIDTH/CODECS/RESOLUTION agree with what was measured.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureRendition, type MeasuredRendition } from './measure.js';
import { parseMasterPlaylist, parseMediaPlaylist } from './playlist.js';

/** Video boundaries must match across rungs to this (float rounding only). */
const VIDEO_TOLERANCE_SEC = 0.001;
/** No last segment shorter than this (one that is would be a sliver). */
const MIN_LAST_SEGMENT_SEC = 0.25;

export interface VerifyReport {
  segments: number;
  durationSec: number;
  problems: string[];
  renditions: { playlist: string; kind: 'video' | 'audio'; segments: number; peakBitrate: number; averageBitrate: number; codec: string }[];
}

/** Checks a packaged folder (with master.m3u8); returns the problems found (empty when fine). */
export async function verify(dir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  const report: VerifyReport = { segments: 0, durationSec: 0, problems, renditions: [] };
  let master;
  try {
    master = parseMasterPlaylist(await readFile(join(dir, 'master.m3u8'), 'utf8'));
  } catch (e) {
    problems.push(`master.m3u8: ${(e as Error).message}`);
    return report;
  }
  if (!master.independentSegments) problems.push('master.m3u8: no #EXT-X-INDEPENDENT-SEGMENTS');
  if (master.variants.length === 0) problems.push('master.m3u8: no variants');
  try {
    await access(join(dir, 'poster.jpg'));
  } catch {
    problems.push('poster.jpg missing');
  }

  const measured = new Map<string, MeasuredRendition>();
  const measure = async (uri: string): Promise<MeasuredRendition | null> => {
    if (measured.has(uri)) return measured.get(uri)!;
    try {
      const m = await measureRendition(dir, uri);
      measured.set(uri, m);
      if (!m.media.ended) problems.push(`${uri}: no #EXT-X-ENDLIST`);
      if (m.segments.length === 0) problems.push(`${uri}: no segments`);
      return m;
    } catch (e) {
      problems.push(`${uri}: ${(e as Error).message}`);
      return null;
    }
  };

  const audioByGroup = new Map<string, MeasuredRendition[]>();
  for (const media of master.media) {
    if (media.TYPE !== 'AUDIO' || !media.URI) continue;
    for (const k of ['GROUP-ID', 'LANGUAGE', 'NAME', 'CHANNELS']) if (!media[k]) problems.push(`audio ${media.URI}: no ${k}`);
    const m = await measure(media.URI);
    if (m) {
      const list = audioByGroup.get(media['GROUP-ID'] ?? '') ?? [];
      list.push(m);
      audioByGroup.set(media['GROUP-ID'] ?? '', list);
      report.renditions.push({ playlist: media.URI, kind: 'audio', segments: m.segments.length, peakBitrate: m.peakBitrate, averageBitrate: m.averageBitrate, codec: m.init.codec });
    }
  }

  const videos: MeasuredRendition[] = [];
  for (const { attrs, uri } of master.variants) {
    const m = await measure(uri);
    if (!m) continue;
    videos.push(m);
    report.renditions.push({ playlist: uri, kind: 'video', segments: m.segments.length, peakBitrate: m.peakBitrate, averageBitrate: m.averageBitrate, codec: m.init.codec });
    const audios = attrs.AUDIO ? (audioByGroup.get(attrs.AUDIO) ?? []) : [];
    if (attrs.AUDIO && audios.length === 0) problems.push(`${uri}: audio group ${attrs.AUDIO} has no renditions`);
    const audioPeak = Math.max(0, ...audios.map((a) => a.peakBitrate));
    const bandwidth = Number(attrs.BANDWIDTH);
    if (!(bandwidth >= m.peakBitrate + audioPeak)) {
      problems.push(`${uri}: BANDWIDTH ${attrs.BANDWIDTH} below measured peak ${m.peakBitrate + audioPeak}`);
    }
    if (!attrs['AVERAGE-BANDWIDTH']) problems.push(`${uri}: no AVERAGE-BANDWIDTH`);
    if (!attrs['FRAME-RATE']) problems.push(`${uri}: no FRAME-RATE`);
    const codecs = (attrs.CODECS ?? '').split(',');
    if (codecs[0] !== m.init.codec) problems.push(`${uri}: CODECS ${attrs.CODECS} but the stream is ${m.init.codec}`);
    for (const a of audios) if (!codecs.includes(a.init.codec)) problems.push(`${uri}: CODECS lacks ${a.init.codec}`);
    if (attrs.RESOLUTION !== `${m.init.width}x${m.init.height}`) {
      problems.push(`${uri}: RESOLUTION ${attrs.RESOLUTION} but the stream is ${m.init.width}x${m.init.height}`);
    }
    m.segments.forEach((s, i) => {
      if (!s.firstIsSync) problems.push(`${uri}: segment ${i} does not start with a keyframe`);
    });
  }

  // subtitle renditions: WebVTT segments cut where the video is (same count)
  const subtitleCounts: { playlist: string; segments: { length: number } }[] = [];
  for (const media of master.media) {
    if (media.TYPE !== 'SUBTITLES' || !media.URI) continue;
    for (const k of ['GROUP-ID', 'LANGUAGE', 'NAME']) if (!media[k]) problems.push(`subtitles ${media.URI}: no ${k}`);
    try {
      const pl = parseMediaPlaylist(await readFile(join(dir, media.URI), 'utf8'));
      const folder = media.URI.split('/').slice(0, -1).join('/');
      for (const seg of pl.segments) {
        const text = await readFile(join(dir, folder, seg.uri), 'utf8');
        if (!text.startsWith('WEBVTT')) problems.push(`${media.URI}: ${seg.uri} is not WebVTT`);
      }
      subtitleCounts.push({ playlist: media.URI, segments: pl.segments });
    } catch (e) {
      problems.push(`${media.URI}: ${(e as Error).message}`);
    }
  }
  for (const v of master.variants) {
    if (v.attrs.SUBTITLES && !master.media.some((m) => m.TYPE === 'SUBTITLES' && m['GROUP-ID'] === v.attrs.SUBTITLES)) {
      problems.push(`${v.uri}: subtitle group ${v.attrs.SUBTITLES} has no renditions`);
    }
  }

  const audios = [...audioByGroup.values()].flat();
  const all = [...videos, ...audios, ...subtitleCounts];
  const counts = new Set(all.map((r) => r.segments.length));
  if (counts.size > 1) problems.push(`segment counts differ: ${all.map((r) => `${r.playlist}=${r.segments.length}`).join(', ')}`);
  const ref = videos[0];
  if (ref) {
    report.segments = ref.segments.length;
    report.durationSec = ref.totalDurationSec;
    const last = ref.segments.at(-1);
    if (last && ref.segments.length > 1 && last.durationSec < MIN_LAST_SEGMENT_SEC) {
      problems.push(`${ref.playlist}: last segment is a ${last.durationSec.toFixed(3)} s sliver`);
    }
    const check = (r: MeasuredRendition, tolerance: number): void => {
      const n = Math.min(r.segments.length, ref.segments.length);
      for (let i = 0; i < n; i++) {
        const d = Math.abs(r.segments[i]!.startSec - ref.segments[i]!.startSec);
        if (d > tolerance) {
          problems.push(`${r.playlist}: segment ${i} starts at ${r.segments[i]!.startSec.toFixed(4)} s, ${ref.playlist} at ${ref.segments[i]!.startSec.toFixed(4)} s`);
          return;
        }
      }
    };
    for (const v of videos.slice(1)) check(v, VIDEO_TOLERANCE_SEC);
    // one AAC frame (1024 samples) plus rounding
    for (const a of audios) check(a, 1024 / a.init.timescale + VIDEO_TOLERANCE_SEC);
  }
  return report;
}
