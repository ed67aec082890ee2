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
