/** Public API of the transcoder library (see docs/design.md and transcoder/README.md). */
export { locateFfmpeg } from './ffmpeg/locate.js';
export { probe } from './probe.js';
export { planLadder } from './ladder.js';
export { transcode } from './transcode.js';
export { verify, type VerifyReport } from './verify.js';
export { synthesizeClip, type SynthOptions, type SynthContainer, type SynthVideoCodec, type SynthAudioCodec } from './synth.js';
export { TranscodeError, FfmpegMissingError, TRANSCODE_ERROR_CODES, type TranscodeErrorCode } from './errors.js';
export type {
  FfmpegBinaries,
  Logger,
  SourceInfo,
  VideoStreamInfo,
  AudioStreamInfo,
  Ladder,
  Rung,
  AudioPlan,
  TranscodeOptions,
  TranscodeProgress,
  TranscodeResult,
  VariantResult,
} from './types.js';
export { readManifest, parseManifest, writeManifest, MANIFEST, type PackageManifest, type ManifestAudio, type ManifestSubtitle, type ManifestVariant, type ManifestIFrames } from './manifest.js';
export { composeRendition, stageAudioTrack, stageSubtitleTrack, audioFolderName, subtitleFolderName, type StagedTrack, type TrackChanges } from './tracks.js';
export { EBU_R128, WEB_FIRST, measureLoudness, type LoudnessTarget, type LoudnessReport, type LoudnessMeasurement } from './loudness/index.js';
export { readSubtitles, SubtitleError, type SubtitleErrorCode } from './subtitles/index.js';
export { chooseDefaultAudio, type AudioRole } from './audio/media.js';
