// Shared shape of the quality, audio and subtitle menus: a PodiumMenuButton in the control bar
// (before the fullscreen toggle) refreshed on hls.js events and on a UI language change.
import type { Events } from 'hls.js';
import { podiumMenuButtonClass, type MenuModel, type VjsMenuButton } from '../menu-button.js';
import type { PlayerPlugin, PluginDeps } from './plugin.js';

export abstract class MenuPlugin implements PlayerPlugin, MenuModel {
  protected readonly button: VjsMenuButton;
  private readonly unsubscribeLanguage: () => void;
  private destroyed = false;

  constructor(
    protected readonly deps: PluginDeps,
    className: string,
    private readonly hlsEvents: readonly Events[],
  ) {
    const Button = podiumMenuButtonClass(deps.videojs);
    const controlBar = deps.player.getChild('ControlBar') as unknown as {
      addChild(c: unknown, o?: unknown, i?: number): unknown;
      children(): unknown[];
      getChild(n: string): unknown;
    };
    const fullscreen = controlBar.getChild('FullscreenToggle') ?? controlBar.getChild('PictureInPictureToggle');
    const index = fullscreen ? controlBar.children().indexOf(fullscreen) : controlBar.children().length;
    this.button = new Button(deps.player, { model: this, className });
    controlBar.addChild(this.button, {}, index);
    this.unsubscribeLanguage = deps.i18n.onChange(this.onLanguageChanged);
    this.registerListeners();
  }

  abstract title(): string;
  abstract current(): string;
  abstract choices(): ReturnType<MenuModel['choices']>;

  private registerListeners(): void {
    for (const event of this.hlsEvents) this.deps.hls.on(event, this.onTracksChanged);
  }

  private unregisterListeners(): void {
    for (const event of this.hlsEvents) this.deps.hls.off(event, this.onTracksChanged);
    this.unsubscribeLanguage();
  }

  protected onTracksChanged = (): void => {
    this.refresh();
  };

  private onLanguageChanged = (): void => {
    this.refresh();
  };

  refresh(): void {
    if (this.destroyed || this.button.isDisposed()) return;
    (this.button as unknown as { refresh(): void }).refresh();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unregisterListeners();
    if (!this.button.isDisposed()) this.button.dispose();
  }
}
