// Events the playback layer publishes. Add new events here with their listener signature.
import type Hls from 'hls.js';
import type { ErrorData, Level } from 'hls.js';

export enum PlayerEvent {
  /** hls.js was created by the source handler and attached to the media element. */
  EngineAttached = 'engineAttached',
  /** The master playlist was parsed; levels are sorted by bitrate as hls.js keeps them. */
  ManifestParsed = 'manifestParsed',
  /** A new rung is playing. */
  LevelSwitched = 'levelSwitched',
  /** hls.js gave up: playback cannot continue without a reload. */
  FatalError = 'fatalError',
  /** The source handler was disposed (new source or player disposed). */
  EngineDetached = 'engineDetached',
  /** Segments or playlists stopped loading (hls.js keeps retrying). */
  NetworkLost = 'networkLost',
  /** Loading works again after NetworkLost. */
  NetworkRecovered = 'networkRecovered',
}

export interface PlayerEventListeners {
  [PlayerEvent.EngineAttached]: (info: { engine: 'hls.js'; version: string; hls: Hls }) => void;
  [PlayerEvent.ManifestParsed]: (info: { levels: readonly Level[]; firstLevel: number }) => void;
  [PlayerEvent.LevelSwitched]: (info: { level: number; height: number; bitrate: number }) => void;
  [PlayerEvent.FatalError]: (error: ErrorData) => void;
  [PlayerEvent.EngineDetached]: () => void;
  [PlayerEvent.NetworkLost]: (error: ErrorData) => void;
  [PlayerEvent.NetworkRecovered]: () => void;
}
