/**
 * Podium writes the master playlist itself: ffmpeg's lacks AVERAGE-BANDWIDTH, FRAME-RATE and
 * CHANNELS, declares the nominal rather than the measured bitrate, and knows nothing of the
 * alternate audio languages, subtitles and I-frame playlists added later. The master is always
 * rendered from a `PackageManifest` (manifest.ts), the measured description of the folder.
 */
import { renderAudioGroup, type AudioTrackEntry } from './audio/media.js';
import type { ManifestAudio, ManifestVariant, PackageManifest } from './manifest.js';
import { renderSubtitleMedia, SUBTITLE_GROUP_ID } from './subtitles/media.js';

export const AUDIO_GROUP = 'aud';

export interface MasterVariantLine {
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
}

/**
 * BANDWIDTH = measured peak of the video plus the LARGEST audio peak of its group (a player may
 * pick any track of the group); AVERAGE-BANDWIDTH likewise with the averages.
 */
export function variantFigures(v: ManifestVariant, audio: readonly ManifestAudio[]): MasterVariantLine {
  const audioPeak = Math.max(0, ...audio.map((a) => a.peakBitrate));
  const audioAvg = Math.max(0, ...audio.map((a) => a.averageBitrate));
  const audioCodecs = [...new Set(audio.map((a) => a.codec))];
  return {
    uri: v.uri,
    bandwidth: v.peakBitrate + audioPeak,
    averageBandwidth: v.averageBitrate + audioAvg,
    codecs: [v.codec, ...audioCodecs].join(','),
  };
}

const quote = (s: string): string => `"${s.replace(/"/g, "'")}"`;

/**
 * One static master for every viewer: the first main track (the source's own audio) is
 * DEFAULT=YES; the player picks the viewer's language among the AUTOSELECT tracks (hls.js
 * `audioTrack`, with `chooseDefaultAudio`: viewer language, then the region's default). A static
 * master keeps the playlist cacheable and identical behind the signed URLs.
 * Variants are listed in the manifest's order: the first is where players start.
 */
export function renderMaster(m: PackageManifest): string {
  const out = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (m.audio.length > 0) {
    const tracks: AudioTrackEntry[] = m.audio.map((a) => ({ language: a.language, role: a.role, uri: a.uri, name: a.name, channels: a.channels }));
    out.push(...renderAudioGroup(tracks, { viewerLanguages: [] }, AUDIO_GROUP));
  }
  for (const s of m.subtitles) out.push(renderSubtitleMedia({ language: s.language, uri: s.uri, name: s.name }));
  for (const v of m.variants) {
    const f = variantFigures(v, m.audio);
    const attrs = [
      `BANDWIDTH=${f.bandwidth}`,
      `AVERAGE-BANDWIDTH=${f.averageBandwidth}`,
      `CODECS=${quote(f.codecs)}`,
      `RESOLUTION=${v.width}x${v.height}`,
      `FRAME-RATE=${v.fps.toFixed(3)}`,
      ...(m.audio.length > 0 ? [`AUDIO=${quote(AUDIO_GROUP)}`] : []),
      ...(m.subtitles.length > 0 ? [`SUBTITLES=${quote(SUBTITLE_GROUP_ID)}`] : []),
    ];
    out.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri);
  }
  for (const i of m.iframes) {
    out.push(
      `#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=${i.bandwidth},AVERAGE-BANDWIDTH=${i.averageBandwidth},` +
        `CODECS=${quote(i.codecs)},RESOLUTION=${i.width}x${i.height},URI=${quote(i.uri)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** ISO 639-2 tags found in media files → BCP 47 (the two-letter subtag where one exists). */
const ISO639_2: Record<string, string> = {
  eng: 'en', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl',
  rus: 'ru', jpn: 'ja', zho: 'zh', chi: 'zh', kor: 'ko', ara: 'ar', hin: 'hi', swe: 'sv', nor: 'no', dan: 'da',
  fin: 'fi', pol: 'pl', tur: 'tr', ell: 'el', gre: 'el', ukr: 'uk', ces: 'cs', cze: 'cs', hun: 'hu',
};

export function toBcp47(tag: string | null | undefined): string {
  if (!tag) return 'und';
  const t = tag.trim();
  return ISO639_2[t.toLowerCase()] ?? t;
}

/** Human name of a language in English, e.g. "French"; "Original" when undetermined. */
export function languageName(bcp47: string): string {
  if (bcp47 === 'und') return 'Original';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(bcp47) ?? bcp47;
  } catch {
    return bcp47;
  }
}
