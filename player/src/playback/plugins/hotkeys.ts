// Keyboard shortcuts, as on the big video sites: space or k play/pause, f fullscreen, m mute,
// ←/→ seek 5 s, ↑/↓ volume, 0–9 jump to 0 %–90 %. Active anywhere on the watch page except
// in form fields; keys a focused control needs itself (space/enter on a button, arrows on a
// slider or in an open menu) are left to it.
import { ListenerGroup } from '../../components/component.js';
import { PLAYBACK } from '../../config.js';
import type { Player } from '../video-player.js';
import type { PlayerPlugin } from './plugin.js';

export type HotkeyAction =
  | { kind: 'togglePlay' }
  | { kind: 'fullscreen' }
  | { kind: 'mute' }
  | { kind: 'seekBy'; seconds: number }
  | { kind: 'volumeBy'; delta: number }
  | { kind: 'seekToFraction'; fraction: number };

/** Pure: a key (KeyboardEvent.key) → the action, or null. */
export function hotkeyAction(key: string): HotkeyAction | null {
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return { kind: 'togglePlay' };
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'm':
    case 'M':
      return { kind: 'mute' };
    case 'ArrowLeft':
      return { kind: 'seekBy', seconds: -PLAYBACK.seekStepSec };
    case 'ArrowRight':
      return { kind: 'seekBy', seconds: PLAYBACK.seekStepSec };
    case 'ArrowUp':
      return { kind: 'volumeBy', delta: PLAYBACK.volumeStep };
    case 'ArrowDown':
      return { kind: 'volumeBy', delta: -PLAYBACK.volumeStep };
    default:
      if (/^[0-9]$/.test(key)) return { kind: 'seekToFraction', fraction: Number(key) / 10 };
      return null;
  }
}

function ownsKey(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.closest('input, textarea, select, [contenteditable="true"]')) return true;
  if ((key === ' ' || key === 'Enter') && el.closest('button, a, [role="button"], [role="menuitem"], [role="menuitemradio"]')) return true;
  if (key.startsWith('Arrow') && el.closest('.vjs-slider, .vjs-menu, [role="slider"], [role="menu"]')) return true;
  return false;
}

export class Hotkeys implements PlayerPlugin {
  private readonly listeners = new ListenerGroup();

  constructor(
    private readonly player: Player,
    private readonly target: Document,
  ) {
    this.registerListeners();
  }

  private registerListeners(): void {
    this.listeners.add(this.target, 'keydown', this.onKeyDown as EventListener);
  }

  private onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const action = hotkeyAction(e.key);
    if (!action || ownsKey(e.target, e.key)) return;
    e.preventDefault();
    this.run(action);
  };

  run(action: HotkeyAction): void {
    const p = this.player;
    const duration = p.duration() || 0;
    switch (action.kind) {
      case 'togglePlay':
        if (p.paused()) void p.play();
        else p.pause();
        break;
      case 'fullscreen':
        if (p.isFullscreen()) void p.exitFullscreen();
        else void p.requestFullscreen();
        break;
      case 'mute':
        p.muted(!p.muted());
        break;
      case 'seekBy':
        p.currentTime(Math.min(Math.max(0, (p.currentTime() ?? 0) + action.seconds), duration || Infinity));
        break;
      case 'volumeBy':
        if (p.muted() && action.delta > 0) p.muted(false);
        p.volume(Math.min(1, Math.max(0, (p.volume() ?? 1) + action.delta)));
        break;
      case 'seekToFraction':
        if (duration > 0 && Number.isFinite(duration)) p.currentTime(duration * action.fraction); // a live stream's duration is Infinity
        break;
    }
    p.userActive(true);
  }

  destroy(): void {
    this.listeners.removeAll();
  }
}
