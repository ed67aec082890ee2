/** Alternate audio renditions: packaging, EXT-X-MEDIA lines, default-track policy. */
export { packageAudioRendition, checkAlignment, expectedDurations, AUDIO_PLAYLIST, AUDIO_INIT, type AudioRenditionOptions, type AudioRendition } from './rendition.js';
export { renderAudioMedia, renderAudioGroup, chooseDefaultAudio, defaultAudioName, AUDIO_GROUP_ID, DESCRIBES_VIDEO, type AudioRole, type AudioMediaInput, type AudioTrackEntry } from './media.js';
export { canonicalLanguage, languageName, languageMatch, chooseDefaultTrack, type LanguageTrack, type DefaultPolicyInput } from './language.js';
export { parseMediaPlaylist, readMediaPlaylist, type MediaPlaylistInfo, type MediaSegmentRef } from './media-playlist.js';
