// Audio language: one entry per alternate audio rendition of the master (EXT-X-MEDIA
// TYPE=AUDIO), labelled from its LANGUAGE in the UI language. Hidden with fewer than two.
// When the tracks first arrive it starts the viewer on the track in their language, else the
// region's default language (default-audio.ts); a later choice from the menu is the viewer's.
import { Events } from 'hls.js';
import { chooseDefaultAudioTrack } from '../default-audio.js';
import type { MenuChoice } from '../menu-button.js';
import { MenuPlugin } from './menu-plugin.js';
import type { PluginDeps } from './plugin.js';
import { trackLabels } from './track-labels.js';

export class AudioMenu extends MenuPlugin {
  private defaultChosen = false;

  constructor(
    deps: PluginDeps,
    private readonly regionLanguage: string | null = null,
  ) {
    super(deps, 'vjs-podium-audio', [Events.MANIFEST_PARSED, Events.AUDIO_TRACKS_UPDATED, Events.AUDIO_TRACK_SWITCHED]);
    deps.hls.on(Events.AUDIO_TRACKS_UPDATED, this.onAudioTracksUpdated);
    // The manifest may have been parsed before the player was ready (start-up prefetch).
    this.onAudioTracksUpdated();
  }

  private onAudioTracksUpdated = (): void => {
    const { hls, i18n } = this.deps;
    if (this.defaultChosen || hls.audioTracks.length === 0) return;
    this.defaultChosen = true;
    const index = chooseDefaultAudioTrack(hls.audioTracks, [i18n.language, this.regionLanguage]);
    if (index >= 0 && index !== hls.audioTrack) hls.audioTrack = index;
  };

  override destroy(): void {
    this.deps.hls.off(Events.AUDIO_TRACKS_UPDATED, this.onAudioTracksUpdated);
    super.destroy();
  }

  title(): string {
    return this.deps.i18n.t('player.audioLanguage');
  }

  private labels(): string[] {
    const { hls, i18n } = this.deps;
    return trackLabels(hls.audioTracks, i18n.language, {
      unknown: i18n.t('player.unknownLanguage'),
      describes: i18n.t('player.audioDescription'),
      numbered: (label, n) => i18n.t('player.trackNumbered', { label, n }),
    });
  }

  current(): string {
    const track = this.deps.hls.audioTracks[this.deps.hls.audioTrack];
    if (!track) return '';
    // An untagged track (und) has no language code to show ("UND" is no word in any language): a
    // note; the menu item names it ("Unknown language").
    return track.lang && track.lang !== 'und' ? track.lang.split('-')[0]!.toUpperCase() : '♪';
  }

  choices(): MenuChoice[] {
    const { hls } = this.deps;
    const labels = this.labels();
    return hls.audioTracks.map((t, i) => ({
      label: labels[i]!,
      selected: hls.audioTrack === i,
      value: t.lang ?? String(i),
      onSelect: () => {
        hls.audioTrack = i;
        this.refresh();
      },
    }));
  }
}
