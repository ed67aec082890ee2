// Resume where the viewer stopped: the position is kept per programme in localStorage while
// playing (every few seconds, on pause and when the page is hidden) and forgotten near the end.
// resumePosition() is read before the player is built, so hls.js starts loading right there.
import { ListenerGroup } from '../../components/component.js';
import type { Player } from '../video-player.js';
import type { PlayerPlugin } from './plugin.js';
import { RESUME } from '../../config.js';
import { endMarginSec, RESUME_KEY_PREFIX as PREFIX, resumePosition } from '../resume-position.js';

export { resumePosition };

export class ResumeTracker implements PlayerPlugin {
  private readonly listeners = new ListenerGroup();
  private lastSave = 0;

  constructor(
    private readonly player: Player,
    private readonly storage: Storage | null,
    private readonly programmeId: string,
    private readonly win: Window,
  ) {
    this.registerListeners();
  }

  private registerListeners(): void {
    this.player.on('timeupdate', this.onTimeUpdate);
    this.player.on('pause', this.onSave);
    this.player.on('ended', this.onEnded);
    this.listeners.add(this.win, 'pagehide', this.onSave);
  }

  private onTimeUpdate = (): void => {
    const now = Date.now();
    if (now - this.lastSave < RESUME.saveEveryMs) return;
    this.onSave();
  };

  private onSave = (): void => {
    this.lastSave = Date.now();
    const t = this.player.currentTime() ?? 0;
    const d = this.player.duration() || 0;
    try {
      if (t < RESUME.minSec || (d > 0 && t > d - endMarginSec(d))) this.storage?.removeItem(PREFIX + this.programmeId);
      else this.storage?.setItem(PREFIX + this.programmeId, t.toFixed(1));
    } catch {
      /* storage full or blocked */
    }
  };

  private onEnded = (): void => {
    try {
      this.storage?.removeItem(PREFIX + this.programmeId);
    } catch {
      /* blocked */
    }
  };

  destroy(): void {
    if (!this.player.isDisposed()) {
      this.onSave();
      this.player.off('timeupdate', this.onTimeUpdate);
      this.player.off('pause', this.onSave);
      this.player.off('ended', this.onEnded);
    }
    this.listeners.removeAll();
  }
}
