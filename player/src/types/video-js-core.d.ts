// 'video.js/core.es.js' is video.js without VHS (@videojs/http-streaming). It ships no typings
// of its own; under NodeNext the package's CommonJS-style .d.ts files only give us the Player
// class cleanly, so the few namespace functions Podium calls are declared here.
declare module 'video.js/core.es.js' {
  import type * as PlayerModule from 'video.js/dist/types/player.js';
  type Player = PlayerModule.default;

  interface VideoJs {
    (el: string | Element, options?: Record<string, unknown>, ready?: () => void): Player;
    getTech(name: string): unknown;
    addLanguage(code: string, strings: Record<string, string>): Record<string, string>;
    getPlayers(): Record<string, Player | null>;
    getComponent(name: string): unknown;
    registerComponent(name: string, component: unknown): unknown;
    readonly VERSION: string;
  }
  const videojs: VideoJs;
  export default videojs;
}
