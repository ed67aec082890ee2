/**
 * Podium writes the master playlist itself: ffmpeg's lacks AVERAGE-BANDWIDTH, FRAME-RATE and
 * CHANNELS, and declares the nominal rather than the measured bitrate.
 */
import type { MeasuredRendition } from './measure.js';

export interface MasterVariant {
  uri: string;
  width: number;
  height: number;
  fps: number;
  video: MeasuredRendition;
}

export interface MasterAudio {
  uri: string;
  groupId: string;
  /** BCP 47 */
  language: string;
  name: string;
  channels: number;
  audio: MeasuredRendition;
}

export interface MasterVariantLine {
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
}

/** BANDWIDTH = measured peak of the video plus the largest audio peak of its group. */
export function variantFigures(v: MasterVariant, audio: MasterAudio | null): MasterVariantLine {
  const audioPeak = audio ? audio.audio.peakBitrate : 0;
  const audioAvg = audio ? audio.audio.averageBitrate : 0;
  return {
    uri: v.uri,
    bandwidth: v.video.peakBitrate + audioPeak,
    averageBandwidth: v.video.averageBitrate + audioAvg,
    codecs: [v.video.init.codec, ...(audio ? [audio.audio.init.codec] : [])].join(','),
  };
}

const quote = (s: string): string => `"${s.replace(/"/g, "'")}"`;

/** Variants are listed in the given order: the first is where players start. */
export function renderMaster(variants: MasterVariant[], audio: MasterAudio | null): string {
  const out = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio) {
    out.push(
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=${quote(audio.groupId)},LANGUAGE=${quote(audio.language)},NAME=${quote(audio.name)},` +
        `CHANNELS=${quote(String(audio.channels))},DEFAULT=YES,AUTOSELECT=YES,URI=${quote(audio.uri)}`,
    );
  }
  for (const v of variants) {
    const f = variantFigures(v, audio);
    const attrs = [
      `BANDWIDTH=${f.bandwidth}`,
      `AVERAGE-BANDWIDTH=${f.averageBandwidth}`,
      `CODECS=${quote(f.codecs)}`,
      `RESOLUTION=${v.width}x${v.height}`,
      `FRAME-RATE=${v.fps.toFixed(3)}`,
      ...(audio ? [`AUDIO=${quote(audio.groupId)}`] : []),
    ];
    out.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri);
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
