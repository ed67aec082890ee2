import { quoted } from '../subtitles/media.js';
import { canonicalLanguage, chooseDefaultTrack, languageName, type DefaultPolicyInput } from './language.js';

export type AudioRole = 'main' | 'commentary' | 'description';

/** The audio group the skeleton's master playlist uses (transcoder/package.ts AUDIO_GROUP). */
export const AUDIO_GROUP_ID = 'aud';

/** Apple's characteristic for audio description (HLS authoring spec; RFC 8216 §4.3.4.1). */
export const DESCRIBES_VIDEO = 'public.accessibility.describes-video';

export interface AudioMediaInput {
  language: string;
  role: AudioRole;
  /** URI of the rendition's media playlist, relative to the master playlist */
  uri: string;
  /** menu label, unique within the group; default the language's own name, "(AD)" added for description */
  name?: string;
  groupId?: string;
  default?: boolean;
  autoselect?: boolean;
  /** channel count, default 2 (renditions are stereo AAC-LC) */
  channels?: number;
}

/**
 * One EXT-X-MEDIA TYPE=AUDIO line, e.g.
 * `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_fr_commentary/index.m3u8"`.
 */
export function renderAudioMedia(input: AudioMediaInput): string {
  const language = canonicalLanguage(input.language);
  const name = input.name ?? defaultAudioName(language, input.role);
  const attrs = [
    'TYPE=AUDIO',
    `GROUP-ID=${quoted(input.groupId ?? AUDIO_GROUP_ID)}`,
    `LANGUAGE=${quoted(language)}`,
    `NAME=${quoted(name)}`,
    `DEFAULT=${input.default ? 'YES' : 'NO'}`,
    `AUTOSELECT=${input.autoselect === false ? 'NO' : 'YES'}`,
    ...(input.role === 'description' ? [`CHARACTERISTICS=${quoted(DESCRIBES_VIDEO)}`] : []),
    `CHANNELS=${quoted(String(input.channels ?? 2))}`,
    `URI=${quoted(input.uri)}`,
  ];
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}

export function defaultAudioName(language: string, role: AudioRole): string {
  const base = languageName(language);
  return role === 'description' ? `${base} (AD)` : base;
}

export interface AudioTrackEntry {
  language: string;
  role: AudioRole;
  uri: string;
  name?: string;
  channels?: number;
}

/**
 * The whole audio group for a master playlist, with exactly one DEFAULT=YES chosen by
 * `chooseDefaultAudio`. Names are made unique (a second "Français" becomes "Français 2").
 */
export function renderAudioGroup(tracks: readonly AudioTrackEntry[], policy: DefaultPolicyInput, groupId = AUDIO_GROUP_ID): string[] {
  const def = chooseDefaultAudio(tracks, policy);
  const seen = new Map<string, number>();
  return tracks.map((t, i) => {
    let name = t.name ?? defaultAudioName(t.language, t.role);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} ${n}`;
    return renderAudioMedia({ ...t, name, groupId, default: i === def });
  });
}

/**
 * Default audio: the viewer's languages in order, then the region's default language, then the
 * first main track. Audio description only for viewers who asked for it. Index into `tracks`
 * (-1 when empty). Use it both for DEFAULT=YES in a per-request master playlist and in the
 * player (hls.js `audioTrack`) when the master is shared.
 */
export function chooseDefaultAudio(tracks: readonly { language: string; role: AudioRole }[], policy: DefaultPolicyInput): number {
  return chooseDefaultTrack(tracks, policy);
}
