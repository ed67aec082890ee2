// Pure: a channel's master playlist and the names of its media playlists (issue 12). One master
// for the whole channel, whatever airs: fixed tiers by pixel count, each carrying, for every
// programme, the rung that programme airs in that tier (variantFor). The figures a tier declares
// (BANDWIDTH, CODECS, FRAME-RATE) must hold for every programme the channel may air, or a player
// picks a level it cannot sustain or decode. The media playlists (live-playlist.ts) use the same
// choices (variantFor, audioFor, subtitlesFor): one implementation, so master and playlists agree.
import { languageMatch, languageName } from '../../transcoder/audio/language.js';
import { renderAudioMedia } from '../../transcoder/audio/media.js';
import { START_BITRATE } from '../../transcoder/ladder.js';
import { renderSubtitleMedia, quoted } from '../../transcoder/subtitles/media.js';
import type { ProgrammeMedia } from './live-types.js';

export interface Tier {
  /** The media playlist's name: "v720" (its I-frame playlist: "v720-iframes"). */
  name: string;
  /** The tier's landscape size (RESOLUTION). */
  width: number;
  height: number;
  /** width × height: rungs are placed by pixel count, so a portrait 720x1280 programme counts as 720p. */
  pixels: number;
}

const tier = (width: number, height: number): Tier => ({ name: `v${height}`, width, height, pixels: width * height });

/** The channel ladder, largest first. */
export const CHANNEL_TIERS: readonly Tier[] = [tier(1920, 1080), tier(1280, 720), tier(960, 540), tier(640, 360), tier(416, 234)];

export const LIVE_AUDIO_GROUP = 'aud';
export const LIVE_SUBTITLE_GROUP = 'subs';

/** What the master is rendered from: every programme the channel may air (the slate included) and the channel's languages. */
export interface LiveLineup {
  media: readonly ProgrammeMedia[];
  languages: readonly string[];
  subtitleLanguages: readonly string[];
}

/** A media playlist of the channel, as its name (without ".m3u8") says. */
export type LiveRendition = { kind: 'video'; tier: Tier } | { kind: 'iframes'; tier: Tier } | { kind: 'audio'; language: string } | { kind: 'subtitles'; language: string };

type Variant = ProgrammeMedia['variants'][number];
type Audio = ProgrammeMedia['audio'][number];
type Subtitle = ProgrammeMedia['subtitles'][number];

const NAME = /^[a-z0-9-]{1,40}$/;

/** The media playlist name of a rendition; throws for a language tag that makes no valid name (channels.ts keeps tags ≤ 35 characters). */
export function renditionName(r: LiveRendition): string {
  const name = r.kind === 'video' ? r.tier.name : r.kind === 'iframes' ? `${r.tier.name}-iframes` : `${r.kind === 'audio' ? 'a' : 's'}-${r.language.toLowerCase()}`;
  if (!NAME.test(name)) throw new RangeError(`no playlist name for ${JSON.stringify(r)}: ${JSON.stringify(name)}`);
  return name;
}

/**
 * The rung `media` airs in `tier`: its largest rung with no more pixels than the tier (a portrait
 * rung counts by pixels), else its smallest rung. Ties (same pixel count) go to the higher
 * bitrate, then to the earlier rung, so the choice never depends on anything but the rungs.
 */
export function variantFor(media: ProgrammeMedia, t: Tier): Variant {
  if (media.variants.length === 0) throw new RangeError(`programme ${media.programmeId} has no video rungs`);
  const px = (v: Variant) => v.width * v.height;
  let fit: Variant | null = null;
  let smallest = media.variants[0]!;
  for (const v of media.variants) {
    if (px(v) < px(smallest)) smallest = v;
    if (px(v) <= t.pixels && (!fit || px(v) > px(fit) || (px(v) === px(fit) && v.peakBitrate > fit.peakBitrate))) fit = v;
  }
  return fit ?? smallest;
}

/** How well `track` serves `wanted`: 3 the same tag (case-insensitive), 2 same language and script, 1 same primary subtag (scripts never cross: zh-Hant does not serve zh-Hans), 0 none. */
function match(track: string, wanted: string): number {
  if (track.toLowerCase() === wanted.toLowerCase()) return 3;
  return languageMatch(track, wanted);
}

const ROLE_RANK: Record<string, number> = { main: 0, commentary: 1, description: 2 };
const roleRank = (role: string) => ROLE_RANK[role] ?? 1;

/**
 * The audio track `media` airs in the channel's `language` rendition: the best language match
 * (a main track before commentary before audio description), else its main audio, else its first
 * track; null when it has no audio at all.
 */
export function audioFor(media: ProgrammeMedia, language: string): Audio | null {
  let best: Audio | null = null;
  let bestScore = 0;
  for (const a of media.audio) {
    const s = match(a.language, language);
    if (s > bestScore || (s > 0 && s === bestScore && roleRank(a.role) < roleRank(best!.role))) {
      best = a;
      bestScore = s;
    }
  }
  return best ?? media.audio.find((a) => a.role === 'main') ?? media.audio[0] ?? null;
}

/** The subtitle track `media` airs in the channel's `language` rendition; null: the empty WebVTT airs instead. */
export function subtitlesFor(media: ProgrammeMedia, language: string): Subtitle | null {
  let best: Subtitle | null = null;
  let bestScore = 0;
  for (const s of media.subtitles) {
    const score = match(s.language, language);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** Distinct language tags, the first spelling kept (names are lowercase: two spellings would share a name). */
function distinct(tags: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const t of tags) if (!byName.has(t.toLowerCase())) byName.set(t.toLowerCase(), t);
  return [...byName.values()];
}

/** The tiers the channel lists: none above the largest rung any programme has, at least the smallest one. */
export function channelTiers(media: readonly ProgrammeMedia[]): Tier[] {
  const largest = Math.max(0, ...media.flatMap((m) => m.variants.map((v) => v.width * v.height)));
  const listed = CHANNEL_TIERS.filter((t) => t.pixels <= largest);
  return listed.length > 0 ? listed : [CHANNEL_TIERS[CHANNEL_TIERS.length - 1]!];
}

/**
 * One codec string that covers `codecs` (RFC 6381). AVC (avc1/avc3.PPCCLL): the highest
 * profile_idc and level_idc, with only the constraint flags every stream of that profile shares
 * (High@4.0 covers High@3.1 and Main@4.0; a decoder of a higher AVC profile decodes the lower ones
 * our ladders use). Any other codec is listed as it is, each distinct string once.
 */
export function coveringCodecs(codecs: readonly string[]): string[] {
  const avc = new Map<string, { profile: number; flags: number; level: number }>();
  const other = new Set<string>();
  for (const c of codecs) {
    const m = /^(avc[13])\.([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
    if (!m) {
      other.add(c);
      continue;
    }
    const [profile, flags, level] = [m[2]!, m[3]!, m[4]!].map((h) => parseInt(h, 16)) as [number, number, number];
    const type = m[1]!.toLowerCase();
    const prev = avc.get(type);
    if (!prev) avc.set(type, { profile, flags, level });
    else avc.set(type, { profile: Math.max(prev.profile, profile), flags: profile > prev.profile ? flags : profile === prev.profile ? prev.flags & flags : prev.flags, level: Math.max(prev.level, level) });
  }
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return [...[...avc].map(([type, a]) => `${type}.${hex(a.profile)}${hex(a.flags)}${hex(a.level)}`), ...other].sort();
}

/** A tier's figures over every programme: what a player must be able to sustain and decode there. */
interface TierFigures {
  bandwidth: number;
  averageBandwidth: number;
  videoAverage: number;
  codecs: string[];
  fps: number;
  /** null unless every programme's rung has an I-frame playlist */
  iframes: { bandwidth: number; codecs: string[] } | null;
}

function tierFigures(t: Tier, media: readonly ProgrammeMedia[], languages: readonly string[]): TierFigures {
  const f: TierFigures = { bandwidth: 0, averageBandwidth: 0, videoAverage: 0, codecs: [], fps: 0, iframes: { bandwidth: 0, codecs: [] } };
  const video: string[] = [];
  const audio = new Set<string>();
  const iframeCodecs: string[] = [];
  for (const m of media) {
    const v = variantFor(m, t);
    // The audio each channel language airs for this programme (not tracks the channel never airs).
    const aired = languages.map((l) => audioFor(m, l)).filter((a): a is Audio => a !== null);
    for (const a of aired) audio.add(a.codec);
    f.bandwidth = Math.max(f.bandwidth, v.peakBitrate + Math.max(0, ...aired.map((a) => a.peakBitrate)));
    f.averageBandwidth = Math.max(f.averageBandwidth, v.averageBitrate + Math.max(0, ...aired.map((a) => a.averageBitrate)));
    f.videoAverage = Math.max(f.videoAverage, v.averageBitrate);
    f.fps = Math.max(f.fps, v.fps);
    video.push(v.codec);
    if (!v.iframes) f.iframes = null;
    else if (f.iframes) {
      f.iframes.bandwidth = Math.max(f.iframes.bandwidth, v.iframes.bandwidth);
      iframeCodecs.push(v.iframes.codecs);
    }
  }
  f.codecs = [...coveringCodecs(video), ...[...audio].sort()];
  if (f.iframes) f.iframes.codecs = coveringCodecs(iframeCodecs);
  return f;
}

/** Names unique within a group ("Español", "Español 2"), as renderAudioGroup does for on-demand masters. */
function uniqueNames(tags: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return tags.map((t) => {
    const name = languageName(t);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} ${n}` : name;
  });
}

/**
 * The channel's master playlist. Deterministic: it depends on the set of programmes, not their
 * order (every figure is a maximum, codecs are sorted). The first variant, where players start,
 * is the tier whose video is nearest START_BITRATE (as the transcoder's ladders do); the others
 * follow from the largest down.
 */
export function renderChannelMaster(l: LiveLineup): string {
  if (l.media.length === 0) throw new RangeError('a channel master needs at least one programme (the slate)');
  const languages = distinct(l.languages);
  const subtitleLanguages = distinct(l.subtitleLanguages);
  const out = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const audioNames = uniqueNames(languages);
  languages.forEach((language, i) => {
    // The most channels this language airs in (2, the transcoder's layout, when no programme has audio).
    const channels = Math.max(0, ...l.media.map((m) => audioFor(m, language)?.channels ?? 0)) || 2;
    const uri = `${renditionName({ kind: 'audio', language })}.m3u8`;
    out.push(renderAudioMedia({ language, role: 'main', uri, name: audioNames[i]!, groupId: LIVE_AUDIO_GROUP, default: i === 0, autoselect: true, channels }));
  });
  const subtitleNames = uniqueNames(subtitleLanguages);
  subtitleLanguages.forEach((language, i) => {
    const uri = `${renditionName({ kind: 'subtitles', language })}.m3u8`;
    out.push(renderSubtitleMedia({ language, uri, name: subtitleNames[i]!, groupId: LIVE_SUBTITLE_GROUP, default: false, autoselect: true }));
  });

  const tiers = channelTiers(l.media).map((t) => ({ t, f: tierFigures(t, l.media, languages) }));
  const start = tiers.reduce((best, x) => (Math.abs(Math.log(x.f.videoAverage / START_BITRATE)) < Math.abs(Math.log(best.f.videoAverage / START_BITRATE)) ? x : best));
  for (const { t, f } of [start, ...tiers.filter((x) => x !== start)]) {
    const attrs = [
      `BANDWIDTH=${f.bandwidth}`,
      `AVERAGE-BANDWIDTH=${f.averageBandwidth}`,
      `CODECS=${quoted(f.codecs.join(','))}`,
      `RESOLUTION=${t.width}x${t.height}`,
      `FRAME-RATE=${f.fps.toFixed(3)}`,
      ...(languages.length > 0 ? [`AUDIO=${quoted(LIVE_AUDIO_GROUP)}`] : []),
      ...(subtitleLanguages.length > 0 ? [`SUBTITLES=${quoted(LIVE_SUBTITLE_GROUP)}`] : []),
    ];
    out.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, `${renditionName({ kind: 'video', tier: t })}.m3u8`);
  }
  for (const { t, f } of tiers) {
    if (!f.iframes) continue;
    const uri = `${renditionName({ kind: 'iframes', tier: t })}.m3u8`;
    out.push(`#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=${f.iframes.bandwidth},CODECS=${quoted(f.iframes.codecs.join(','))},RESOLUTION=${t.width}x${t.height},URI=${quoted(uri)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The rendition a media playlist name (without ".m3u8") stands for; null unless the channel's master lists exactly that name. */
export function parseLiveRendition(name: string, l: LiveLineup): LiveRendition | null {
  if (!NAME.test(name)) return null;
  if (l.media.length === 0) return null;
  const tiers = channelTiers(l.media);
  for (const t of tiers) {
    if (name === t.name) return { kind: 'video', tier: t };
    if (name === `${t.name}-iframes`) return l.media.every((m) => variantFor(m, t).iframes) ? { kind: 'iframes', tier: t } : null;
  }
  const tag = name.slice(2);
  if (name.startsWith('a-')) {
    const language = distinct(l.languages).find((x) => x.toLowerCase() === tag);
    return language === undefined ? null : { kind: 'audio', language };
  }
  if (name.startsWith('s-')) {
    const language = distinct(l.subtitleLanguages).find((x) => x.toLowerCase() === tag);
    return language === undefined ? null : { kind: 'subtitles', language };
  }
  return null;
}
