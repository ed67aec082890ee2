// Quality of experience: startup time, rebuffering, time played, rung switches, average bit rate
// and errors of one playback, sent to POST /api/qoe in batches (navigator.sendBeacon, else
// fetch with keepalive). No personal data: a random playback id made here (not stored, not
// tied to a session), the programme and the region. Each beacon carries the playback's
// running totals with a sequence number, so a lost beacon costs nothing and the server keeps
// the latest.
import { Events, type ErrorData, type LevelSwitchedData } from 'hls.js';
import type Hls from 'hls.js';
import type { QoeBeacon, QoeBeaconBatch } from '../../../../server/contracts/index.js';
import { ListenerGroup } from '../../components/component.js';
import { QOE } from '../../config.js';
import type { Player } from '../video-player.js';
import type { PlayerPlugin } from './plugin.js';

export const QOE_ENDPOINT = '/api/qoe';

export interface QoeTransport {
  send(url: string, body: string): void;
}

export function defaultTransport(nav: Navigator, fetchImpl: typeof fetch): QoeTransport {
  return {
    send(url, body) {
      const blob = new Blob([body], { type: 'application/json' });
      if (typeof nav.sendBeacon === 'function' && nav.sendBeacon(url, blob)) return;
      void fetchImpl(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(() => {});
    },
  };
}

export function randomPlaybackId(): string {
  return crypto.randomUUID();
}

export interface QoeReporterOptions {
  player: Player;
  hls: Hls;
  programmeId: string;
  region: string | null;
  transport: QoeTransport;
  win: Window;
  /** ms since navigation when the viewer asked for this programme (0: the page load itself). */
  requestedAt: number;
  /** When playback already started before the player existed (the first frame's stage): performance.now() of that 'playing'. */
  playingAt?: number | null;
  flushMs?: number;
  now?: () => number;
}

export class QoeReporter implements PlayerPlugin {
  readonly playbackId = randomPlaybackId();
  private readonly listeners = new ListenerGroup();
  private readonly now: () => number;
  private seq = 0;
  private startupMs: number | null = null;
  private rebufferMs = 0;
  private playMs = 0;
  private switches = 0;
  private errors = 0;
  private bitrateTimesMs = 0; // Σ bitrate × ms played
  private bitrate = 0;
  private playingSince: number | null = null;
  private stalledSince: number | null = null;
  private sentSeq = -1;
  private timer: ReturnType<typeof setInterval>;
  private destroyed = false;

  constructor(private readonly o: QoeReporterOptions) {
    this.now = o.now ?? (() => performance.now());
    if (o.playingAt != null) this.startupMs = Math.max(0, Math.round(o.playingAt - o.requestedAt));
    this.registerListeners();
    this.timer = setInterval(this.onInterval, o.flushMs ?? QOE.flushMs);
  }

  private registerListeners(): void {
    const { player, hls, win } = this.o;
    player.on('playing', this.onPlaying);
    player.on('waiting', this.onWaiting);
    player.on('pause', this.onPause);
    player.on('ended', this.onPause);
    hls.on(Events.LEVEL_SWITCHED, this.onLevelSwitched);
    hls.on(Events.ERROR, this.onError);
    this.listeners.add(win, 'pagehide', this.onPageHide);
    this.listeners.add(win.document, 'visibilitychange', this.onVisibilityChange);
  }

  private unregisterListeners(): void {
    const { player, hls } = this.o;
    if (!player.isDisposed()) {
      player.off('playing', this.onPlaying);
      player.off('waiting', this.onWaiting);
      player.off('pause', this.onPause);
      player.off('ended', this.onPause);
    }
    hls.off(Events.LEVEL_SWITCHED, this.onLevelSwitched);
    hls.off(Events.ERROR, this.onError);
    this.listeners.removeAll();
  }

  private onPlaying = (): void => {
    const t = this.now();
    if (this.startupMs === null) this.startupMs = Math.max(0, Math.round(t - this.o.requestedAt));
    if (this.stalledSince !== null) {
      this.rebufferMs += t - this.stalledSince;
      this.stalledSince = null;
    }
    this.playingSince ??= t;
  };

  private onWaiting = (): void => {
    if (this.startupMs === null) return; // start-up wait is startupMs, not rebuffering
    const t = this.now();
    this.closePlaying(t);
    this.stalledSince ??= t;
  };

  private onPause = (): void => {
    const t = this.now();
    this.closePlaying(t);
    if (this.stalledSince !== null) {
      this.rebufferMs += t - this.stalledSince;
      this.stalledSince = null;
    }
  };

  private closePlaying(t: number): void {
    if (this.playingSince === null) return;
    const ms = t - this.playingSince;
    this.playMs += ms;
    this.bitrateTimesMs += ms * this.bitrate;
    this.playingSince = null;
  }

  private onLevelSwitched = (_e: Events.LEVEL_SWITCHED, data: LevelSwitchedData): void => {
    const t = this.now();
    if (this.playingSince !== null) {
      this.closePlaying(t);
      this.playingSince = t;
    }
    const first = this.bitrate === 0;
    this.bitrate = this.o.hls.levels[data.level]?.bitrate ?? 0;
    if (!first) this.switches += 1;
  };

  private onError = (_e: Events.ERROR, data: ErrorData): void => {
    if (data.fatal || data.type === 'networkError') this.errors += 1;
  };

  private onInterval = (): void => {
    this.flush();
  };

  private onPageHide = (): void => {
    this.flush();
  };

  private onVisibilityChange = (): void => {
    if (this.o.win.document.visibilityState === 'hidden') this.flush();
  };

  /** The running totals now (an open playing or stalled stretch counts up to this instant). */
  snapshot(): QoeBeacon {
    const t = this.now();
    const open = this.playingSince !== null ? t - this.playingSince : 0;
    const playMs = this.playMs + open;
    const weighted = this.bitrateTimesMs + open * this.bitrate;
    return {
      playbackId: this.playbackId,
      programmeId: this.o.programmeId,
      region: this.o.region,
      seq: this.seq,
      startupMs: this.startupMs,
      rebufferMs: Math.round(this.rebufferMs + (this.stalledSince !== null ? t - this.stalledSince : 0)),
      playMs: Math.round(playMs),
      switches: this.switches,
      avgBitrate: playMs > 0 ? Math.round(weighted / playMs) : Math.round(this.bitrate),
      errors: this.errors,
    };
  }

  /** Sends the totals if anything happened since the last beacon. */
  flush(): void {
    if (this.startupMs === null && this.errors === 0) return; // nothing worth reporting yet
    const beacon = this.snapshot();
    const key = JSON.stringify({ ...beacon, seq: 0, playMs: Math.round(beacon.playMs / 500) });
    if (this.sentSeq >= 0 && key === this.lastKey) return;
    this.lastKey = key;
    this.sentSeq = this.seq;
    this.seq += 1;
    this.o.transport.send(QOE_ENDPOINT, JSON.stringify({ beacons: [beacon] } satisfies QoeBeaconBatch));
  }
  private lastKey = '';

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.timer);
    this.flush();
    this.unregisterListeners();
  }
}
