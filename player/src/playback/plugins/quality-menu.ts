// Quality: "Auto" (ABR) plus each rung by its height ("1080p"), highest first. Choosing a rung
// switches at once (hls.currentLevel: flush and reload at that rung); "Auto" hands back to ABR.
import { Events } from 'hls.js';
import type { MenuChoice } from '../menu-button.js';
import { MenuPlugin } from './menu-plugin.js';
import type { PluginDeps } from './plugin.js';

export function rungLabel(height: number, bitrate: number, duplicateHeight: boolean): string {
  if (!height) return `${Math.round(bitrate / 1000)}k`;
  return duplicateHeight ? `${height}p (${Math.round(bitrate / 1000)}k)` : `${height}p`;
}

export class QualityMenu extends MenuPlugin {
  constructor(deps: PluginDeps) {
    super(deps, 'vjs-podium-quality', [Events.MANIFEST_PARSED, Events.LEVELS_UPDATED, Events.LEVEL_SWITCHED]);
  }

  title(): string {
    return this.deps.i18n.t('player.quality');
  }

  current(): string {
    const { hls, i18n } = this.deps;
    if (hls.autoLevelEnabled) return i18n.t('player.auto');
    const level = hls.levels[hls.currentLevel];
    return level ? rungLabel(level.height, level.bitrate, false) : i18n.t('player.auto');
  }

  choices(): MenuChoice[] {
    const { hls, i18n } = this.deps;
    const levels = hls.levels.map((l, index) => ({ index, height: l.height, bitrate: l.bitrate }));
    const heights = new Map<number, number>();
    for (const l of levels) heights.set(l.height, (heights.get(l.height) ?? 0) + 1);
    levels.sort((a, b) => b.height - a.height || b.bitrate - a.bitrate);
    const manual = !hls.autoLevelEnabled;
    const auto: MenuChoice = {
      label: i18n.t('player.auto'),
      selected: !manual,
      value: 'auto',
      onSelect: () => {
        hls.currentLevel = -1;
        this.refresh();
      },
    };
    if (levels.length < 2) return levels.length ? [auto] : [];
    return [
      auto,
      ...levels.map(
        (l): MenuChoice => ({
          label: rungLabel(l.height, l.bitrate, (heights.get(l.height) ?? 0) > 1),
          selected: manual && hls.currentLevel === l.index,
          value: String(l.index),
          onSelect: () => {
            hls.currentLevel = l.index;
            this.refresh();
          },
        }),
      ),
    ];
  }
}
