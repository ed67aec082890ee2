// "Back to live" on a live channel: a control-bar button shown while the playhead is more than a
// few segments behind where hls.js keeps a live viewer (core/live-time.ts isBehindLive), which
// seeks there (hls.liveSyncPosition: the edge less the target latency, HLS_LIVE_CONFIG) and plays.
// Checked on each timeupdate and on each playlist refresh, so a paused viewer falling behind sees
// it appear too.
import { Events } from 'hls.js';
import { LIVE } from '../../config.js';
import { isBehindLive } from '../../core/live-time.js';
import type { PlayerPlugin, PluginDeps } from './plugin.js';

interface VjsButton {
  el(): HTMLElement;
  controlText(text?: string): string;
  show(): void;
  hide(): void;
  on(type: string, fn: () => void): void;
  off(type: string, fn: () => void): void;
  dispose(): void;
  isDisposed(): boolean;
}

export class BackToLive implements PlayerPlugin {
  private readonly button: VjsButton;
  private readonly label: HTMLElement;
  private readonly unsubscribeLanguage: () => void;
  private behind: boolean | null = null;
  private destroyed = false;

  constructor(private readonly deps: PluginDeps) {
    const Button = deps.videojs.getComponent('Button') as new (player: unknown, options: Record<string, unknown>) => VjsButton;
    this.button = new Button(deps.player, { className: 'vjs-podium-live' });
    this.label = document.createElement('span');
    this.label.className = 'vjs-podium-live__label';
    this.label.setAttribute('aria-hidden', 'true');
    this.button.el().append(this.label);
    const controlBar = deps.player.getChild('ControlBar') as unknown as { addChild(c: unknown, o?: unknown, i?: number): unknown; children(): unknown[]; getChild(n: string): unknown };
    // beside the time, where players show their "live" state
    const progress = controlBar.getChild('ProgressControl');
    controlBar.addChild(this.button, {}, progress ? controlBar.children().indexOf(progress) : controlBar.children().length);
    this.relabel();
    this.button.hide();
    this.unsubscribeLanguage = deps.i18n.onChange(this.onLanguageChanged);
    this.registerListeners();
  }

  private registerListeners(): void {
    this.button.on('click', this.onClick);
    this.deps.player.on('timeupdate', this.onPosition);
    this.deps.player.on('seeked', this.onPosition);
    this.deps.hls.on(Events.LEVEL_UPDATED, this.onPosition);
  }

  private unregisterListeners(): void {
    this.button.off('click', this.onClick);
    if (!this.deps.player.isDisposed()) {
      this.deps.player.off('timeupdate', this.onPosition);
      this.deps.player.off('seeked', this.onPosition);
    }
    this.deps.hls.off(Events.LEVEL_UPDATED, this.onPosition);
    this.unsubscribeLanguage();
  }

  private onPosition = (): void => {
    const { hls, player } = this.deps;
    const segmentSec = hls.latestLevelDetails?.targetduration ?? 0;
    const behind = segmentSec > 0 && isBehindLive(player.currentTime() ?? 0, hls.liveSyncPosition, segmentSec, LIVE.behindLiveSegments);
    if (behind === this.behind) return;
    this.behind = behind;
    if (behind) this.button.show();
    else this.button.hide();
  };

  private onClick = (): void => {
    const { hls, player } = this.deps;
    const target = hls.liveSyncPosition;
    if (target === null) return;
    player.currentTime(target);
    void player.play()?.catch(() => undefined);
  };

  private onLanguageChanged = (): void => {
    this.relabel();
  };

  private relabel(): void {
    const text = this.deps.i18n.t('live.backToLive');
    this.button.controlText(text);
    this.label.textContent = text;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unregisterListeners();
    if (!this.button.isDisposed()) this.button.dispose();
  }
}
