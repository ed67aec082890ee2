// A video.js MenuButton whose items come from a callback, so the quality, audio and subtitle
// menus are each a few lines: they call `update()` when their list or the UI language changes.
// The button shows the current choice as text (like video.js's playback-rate button), and its
// accessible name is the localized title ("Quality", "Audio language", "Subtitles").
import type { Player } from './video-player.js';

export interface MenuChoice {
  label: string;
  selected: boolean;
  /** Extra attribute for tests and styling (e.g. the level index). */
  value: string;
  onSelect(): void;
}

export interface MenuModel {
  /** Localized accessible name and menu title. */
  title(): string;
  /** Short text shown on the button ("Auto", "720p", "EN"). */
  current(): string;
  choices(): MenuChoice[];
}

interface VjsComponentClass {
  new (player: Player, options?: Record<string, unknown>): VjsMenuButton;
  prototype: object;
}

export interface VjsMenuButton {
  el(): HTMLElement;
  update(): void;
  show(): void;
  hide(): void;
  dispose(): void;
  controlText(text?: string): string;
  isDisposed(): boolean;
}

export interface VideoJsComponents {
  getComponent(name: string): unknown;
  registerComponent(name: string, component: unknown): unknown;
}

const NAME = 'PodiumMenuButton';

/** Registers the component once per video.js copy; returns its class. */
export function podiumMenuButtonClass(videojs: VideoJsComponents): VjsComponentClass {
  const existing = videojs.getComponent(NAME) as VjsComponentClass | undefined;
  if (existing) return existing;
  // video.js classes are plain ES classes; these views of them are all Podium relies on.
  const MenuButton = videojs.getComponent('MenuButton') as new (player: Player, options: Record<string, unknown>) => object;
  const MenuItem = videojs.getComponent('MenuItem') as new (player: Player, options: Record<string, unknown>) => { el(): HTMLElement };

  class ChoiceItem extends MenuItem {
    private readonly choice: MenuChoice;
    constructor(player: Player, options: Record<string, unknown>) {
      super(player, { ...options, selectable: true, multiSelectable: false });
      this.choice = options.choice as MenuChoice;
      this.el().setAttribute('data-value', this.choice.value);
    }
    handleClick(): void {
      this.choice.onSelect();
    }
  }

  class PodiumMenuButton extends (MenuButton as unknown as new (player: Player, options: Record<string, unknown>) => VjsMenuButton & {
    menuButton_: { el(): HTMLElement };
    options_: Record<string, unknown>;
    player(): Player;
  }) {
    private valueEl: HTMLElement | null = null;
    constructor(player: Player, options: Record<string, unknown>) {
      super(player, options);
      this.refresh();
    }
    private model(): MenuModel {
      return this.options_.model as MenuModel;
    }
    buildCSSClass(): string {
      const base = (MenuButton.prototype as { buildCSSClass(this: unknown): string }).buildCSSClass.call(this);
      return `vjs-podium-menu ${String(this.options_.className ?? '')} ${base}`;
    }
    createItems(): unknown[] {
      const model = this.model();
      if (!model) return [];
      return model.choices().map((choice) => new ChoiceItem(this.player(), { label: choice.label, selected: choice.selected, choice }));
    }
    /** Rebuilds the items and relabels the button (list or language changed). */
    refresh(): void {
      const model = this.model();
      if (!model) return;
      this.update();
      const title = model.title();
      this.controlText(title);
      const button = this.menuButton_.el();
      button.setAttribute('aria-label', title);
      button.setAttribute('title', title);
      if (!this.valueEl) {
        this.valueEl = document.createElement('span');
        this.valueEl.className = 'vjs-podium-menu__value';
        this.valueEl.setAttribute('aria-hidden', 'true');
        button.append(this.valueEl);
      }
      this.valueEl.textContent = model.current();
      const count = model.choices().length;
      if (count > 1) this.show();
      else this.hide();
    }
    // No handleLanguagechange override: the plugin refreshes on the i18n change, before video.js
    // switches language — rebuilding items inside video.js's own languagechange dispatch would run
    // handlers of items just disposed.
  }
  videojs.registerComponent(NAME, PodiumMenuButton);
  return PodiumMenuButton as unknown as VjsComponentClass;
}
