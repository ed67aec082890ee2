// "Connection lost. Trying to reconnect…" while hls.js retries, then "Connection restored." for a
// few seconds: the banner above a player (watch page, live page), fed by the playback bus's
// NetworkLost / NetworkRecovered.
import { WATCH_PAGE } from '../config.js';
import type { I18n } from '../core/i18n.js';
import { h, type Component } from './component.js';

type Notice = 'none' | 'lost' | 'restored';

export class NetworkBanner implements Component {
  readonly el: HTMLElement;
  private notice: Notice = 'none';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly i18n: I18n) {
    this.el = h('div', { class: 'network-banner', role: 'status', hidden: '' });
  }

  lost(): void {
    this.set('lost');
  }

  restored(): void {
    this.set('restored');
    this.timer = setTimeout(() => this.set('none'), WATCH_PAGE.restoredNoticeMs);
  }

  private set(notice: Notice): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.notice = notice;
    this.relabel();
  }

  /** Also after a UI language change. */
  relabel(): void {
    const { t } = this.i18n;
    this.el.hidden = this.notice === 'none';
    this.el.className = `network-banner network-banner--${this.notice}`;
    this.el.textContent = this.notice === 'lost' ? t('errors.networkLost') : this.notice === 'restored' ? t('status.networkRestored') : '';
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.el.remove();
  }
}
