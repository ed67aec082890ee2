// What the live page reads from a channel's stream while hls.js plays it: the programmes its
// EXT-X-DATERANGEs announce (refreshed on every playlist update, delta updates merged by hls.js),
// the programme date time at the playhead, the server's clock (from the live edge's
// PROGRAM-DATE-TIME), and a seek to a wall-clock instant (start-over from the guide). The page
// creates one when hls.js attaches (PlayerEvent.EngineAttached) and destroys it when it detaches.
import type Hls from 'hls.js';
import { Events, type LevelUpdatedData } from 'hls.js';
import { LIVE } from '../config.js';
import { clockOffsetMs, isBehindLive, programmeRanges, seekTimeAt, type ProgrammeRange } from '../core/live-time.js';

export class LiveStream {
  private ranges: ProgrammeRange[] = [];
  private offsetMs = 0;
  private readonly timer: ReturnType<typeof setInterval>;
  private destroyed = false;

  constructor(
    private readonly hls: Hls,
    /** Called on every playlist update and every LIVE.nowNextTickMs: the page redraws now/next and the guide's states. */
    private readonly onChange: () => void,
  ) {
    this.registerListeners();
    this.timer = setInterval(this.onTick, LIVE.nowNextTickMs);
    // attached after the first playlist (the first frame's hand-over): read what is there
    if (hls.latestLevelDetails) this.read(hls.latestLevelDetails);
  }

  private registerListeners(): void {
    this.hls.on(Events.LEVEL_UPDATED, this.onLevelUpdated);
  }

  private unregisterListeners(): void {
    this.hls.off(Events.LEVEL_UPDATED, this.onLevelUpdated);
  }

  private onLevelUpdated = (_event: Events.LEVEL_UPDATED, data: LevelUpdatedData): void => {
    this.read(data.details);
    this.onChange();
  };

  private onTick = (): void => {
    this.onChange();
  };

  private read(details: NonNullable<Hls['latestLevelDetails']>): void {
    this.ranges = programmeRanges(details.dateRanges, LIVE.programmeClass);
    this.offsetMs = clockOffsetMs(details.fragments, Date.now());
  }

  /** The programmes the playlist announces, by start. */
  programmes(): readonly ProgrammeRange[] {
    return this.ranges;
  }

  /** "Now" on the server's clock (the live edge), not the device's. */
  serverNowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** The programme date time at the playhead, once hls.js has placed it. */
  playingMs(): number | null {
    const date = this.hls.playingDate;
    return date ? date.getTime() : null;
  }

  /** Behind the live edge by more than the back-to-live threshold (paused, started over, seeked back). */
  isBehind(): boolean {
    const details = this.hls.latestLevelDetails;
    const media = this.hls.media;
    return !!details && !!media && isBehindLive(media.currentTime, this.hls.liveSyncPosition, details.targetduration, LIVE.behindLiveSegments);
  }

  /**
   * Plays from a wall-clock instant inside the DVR window (a programme's start), where both video
   * and audio have begun (live-time.ts seekTimeAt): false when the window no longer (or not yet)
   * holds it. An instant up to a segment before the window's first
   * one, which slid on since the guide was drawn, starts at the window's start.
   */
  seekTo(instantMs: number): boolean {
    const details = this.hls.latestLevelDetails;
    if (!details) return false;
    const audio = this.hls.audioTracks[this.hls.audioTrack]?.details?.fragments;
    const time = seekTimeAt(instantMs, details.fragments, audio ? [audio] : [], details.targetduration);
    if (time === null) return false;
    // …and a little into the programme: hls.js does not complete a seek onto a discontinuity (config.ts)
    // on the media element hls.js plays into: video.js follows its events like any seek
    const media = this.hls.media;
    if (!media) return false;
    media.currentTime = time + LIVE.startOverLeadSec;
    void media.play()?.catch(() => undefined);
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.timer);
    this.unregisterListeners();
  }
}
