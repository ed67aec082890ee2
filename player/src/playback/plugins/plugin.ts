// What every player plugin gets: the video.js player, the hls.js instance (plugins bind its
// events directly) and the UI strings. Plugins follow the component lifecycle (constructor →
// registerListeners(); onXxx handlers; destroy() unregisters everything and is idempotent).
import type Hls from 'hls.js';
import type { I18n } from '../../core/i18n.js';
import type { VideoJsComponents } from '../menu-button.js';
import type { Player } from '../video-player.js';

export interface PluginDeps {
  player: Player;
  hls: Hls;
  i18n: I18n;
  videojs: VideoJsComponents;
}

export interface PlayerPlugin {
  destroy(): void;
}
