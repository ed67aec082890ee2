// Events the playback layer publishes to the page and the player component: the source handler
// is created by video.js, not by them, so it reports through this bus what they act on (hls.js
// attached or gone, a lost or restored network, a fatal error). Plugins bind hls.js directly:
// they need its track lists and events, which the bus would only repeat. Add an event here
// only together with its listener.
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';

export enum PlayerEvent {
  /** hls.js was created by the source handler and attached to the media element. */
  EngineAttached = 'engineAttached',
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
  [PlayerEvent.FatalError]: (error: ErrorData) => void;
  [PlayerEvent.EngineDetached]: () => void;
  [PlayerEvent.NetworkLost]: (error: ErrorData) => void;
  [PlayerEvent.NetworkRecovered]: () => void;
}
