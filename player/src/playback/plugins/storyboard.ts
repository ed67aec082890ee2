// Seek-bar thumbnail previews from the storyboard (a WebVTT index whose cues point into sprite
// sheets with #xywh media fragments). Loaded after playback starts, so it never competes with
// the first frame; a programme without a storyboard simply shows none.
import { h } from '../../components/component.js';
import type { Player } from '../video-player.js';
import type { PlayerPlugin } from './plugin.js';

export interface StoryboardCue {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function seconds(ts: string): number {
  const parts = ts.trim().split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** Pure: WebVTT text → cues with absolute sprite URLs (relative to the VTT's URL). */
export function parseStoryboardVtt(text: string, baseUrl: string): StoryboardCue[] {
  const cues: StoryboardCue[] = [];
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) continue;
    const [a, b] = lines[timing]!.split('-->');
    const target = lines[timing + 1]!.trim();
    const hash = target.indexOf('#xywh=');
    if (hash < 0) continue;
    const [x, y, w, hh] = target.slice(hash + 6).split(',').map(Number);
    if ([x, y, w, hh].some((n) => n === undefined || !Number.isFinite(n))) continue;
    cues.push({ start: seconds(a!), end: seconds(b!.trim().split(/\s+/)[0]!), url: new URL(target.slice(0, hash), baseUrl).href, x: x!, y: y!, w: w!, h: hh! });
  }
  return cues;
}

export function cueAt(cues: readonly StoryboardCue[], time: number): StoryboardCue | null {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cues[mid]!;
    if (time < c.start) hi = mid - 1;
    else if (time >= c.end) lo = mid + 1;
    else return c;
  }
  return cues.length && time >= cues[cues.length - 1]!.end ? cues[cues.length - 1]! : null;
}

export class StoryboardPreview implements PlayerPlugin {
  private cues: StoryboardCue[] = [];
  private readonly preview: HTMLElement;
  private holder: HTMLElement | null = null;
  private readonly abort = new AbortController();
  private destroyed = false;

  constructor(
    private readonly player: Player,
    private readonly vttUrl: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {
    this.preview = h('div', { class: 'vjs-podium-storyboard', 'aria-hidden': 'true' });
    this.player.one('playing', this.onPlaying);
  }

  private onPlaying = (): void => {
    void this.load();
  };

  private async load(): Promise<void> {
    try {
      const res = await this.fetchImpl(this.vttUrl, { signal: this.abort.signal });
      if (!res.ok || this.destroyed) return;
      this.cues = parseStoryboardVtt(await res.text(), res.url || this.vttUrl);
    } catch {
      return;
    }
    if (this.destroyed || this.cues.length === 0) return;
    this.holder = this.player.el().querySelector('.vjs-progress-holder');
    if (!this.holder) return;
    this.holder.append(this.preview);
    this.player.addClass('vjs-podium-has-storyboard');
    this.registerListeners();
  }

  private registerListeners(): void {
    this.holder?.addEventListener('pointermove', this.onPointerMove);
    this.holder?.addEventListener('pointerleave', this.onPointerLeave);
  }

  private unregisterListeners(): void {
    this.holder?.removeEventListener('pointermove', this.onPointerMove);
    this.holder?.removeEventListener('pointerleave', this.onPointerLeave);
  }

  private onPointerMove = (e: PointerEvent): void => {
    const rect = this.holder!.getBoundingClientRect();
    const rtl = getComputedStyle(this.holder!).direction === 'rtl' && this.player.el().classList.contains('vjs-rtl');
    let fraction = (e.clientX - rect.left) / rect.width;
    if (rtl) fraction = 1 - fraction;
    this.show(Math.min(1, Math.max(0, fraction)), e.clientX - rect.left, rect.width);
  };

  private onPointerLeave = (): void => {
    this.preview.style.display = 'none';
  };

  /** Shows the thumbnail for a position on the bar (exposed for keyboard seeking and tests). */
  show(fraction: number, offsetPx: number, widthPx: number): StoryboardCue | null {
    const cue = cueAt(this.cues, fraction * (this.player.duration() || 0));
    if (!cue) return null;
    const s = this.preview.style;
    s.display = 'block';
    s.width = `${cue.w}px`;
    s.height = `${cue.h}px`;
    s.backgroundImage = `url("${cue.url}")`;
    s.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    s.left = `${Math.min(Math.max(0, offsetPx - cue.w / 2), Math.max(0, widthPx - cue.w))}px`;
    return cue;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abort.abort();
    if (!this.player.isDisposed()) this.player.off('playing', this.onPlaying);
    this.unregisterListeners();
    this.preview.remove();
  }
}
