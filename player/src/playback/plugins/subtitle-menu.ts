// Subtitles: "Off" plus one entry per subtitle rendition (EXT-X-MEDIA TYPE=SUBTITLES), labelled
// from its LANGUAGE in the UI language. hls.js renders the WebVTT cues through the video
// element's text tracks, which video.js mirrors and displays.
import { Events } from 'hls.js';
import type { MenuChoice } from '../menu-button.js';
import { MenuPlugin } from './menu-plugin.js';
import type { PluginDeps } from './plugin.js';
import { trackLabels } from './track-labels.js';

export class SubtitleMenu extends MenuPlugin {
  constructor(deps: PluginDeps) {
    super(deps, 'vjs-podium-subtitles', [Events.MANIFEST_PARSED, Events.SUBTITLE_TRACKS_UPDATED, Events.SUBTITLE_TRACK_SWITCH]);
  }

  title(): string {
    return this.deps.i18n.t('player.subtitles');
  }

  current(): string {
    const track = this.deps.hls.subtitleTracks[this.deps.hls.subtitleTrack];
    return track?.lang ? track.lang.split('-')[0]!.toUpperCase() : this.deps.i18n.t('player.off');
  }

  choices(): MenuChoice[] {
    const { hls, i18n } = this.deps;
    if (hls.subtitleTracks.length === 0) return [];
    const labels = trackLabels(hls.subtitleTracks, i18n.language, {
      unknown: i18n.t('player.unknownLanguage'),
      describes: i18n.t('player.audioDescription'),
      numbered: (label, n) => i18n.t('player.trackNumbered', { label, n }),
    });
    const off: MenuChoice = {
      label: i18n.t('player.off'),
      selected: hls.subtitleTrack < 0,
      value: 'off',
      onSelect: () => {
        hls.subtitleTrack = -1;
        this.refresh();
      },
    };
    return [
      off,
      ...hls.subtitleTracks.map((t, i) => ({
        label: labels[i]!,
        selected: hls.subtitleTrack === i,
        value: t.lang ?? String(i),
        onSelect: () => {
          hls.subtitleDisplay = true;
          hls.subtitleTrack = i;
          this.refresh();
        },
      })),
    ];
  }
}
