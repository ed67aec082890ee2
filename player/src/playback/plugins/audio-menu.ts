// Audio language: one entry per alternate audio rendition of the master (EXT-X-MEDIA
// TYPE=AUDIO), labelled from its LANGUAGE in the UI language. Hidden with fewer than two.
import { Events } from 'hls.js';
import type { MenuChoice } from '../menu-button.js';
import { MenuPlugin } from './menu-plugin.js';
import type { PluginDeps } from './plugin.js';
import { trackLabels } from './track-labels.js';

export class AudioMenu extends MenuPlugin {
  constructor(deps: PluginDeps) {
    super(deps, 'vjs-podium-audio', [Events.MANIFEST_PARSED, Events.AUDIO_TRACKS_UPDATED, Events.AUDIO_TRACK_SWITCHED]);
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
    return track?.lang ? track.lang.split('-')[0]!.toUpperCase() : '';
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
