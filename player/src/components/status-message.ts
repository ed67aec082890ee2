// A localized status or error message, optionally with a labelled retry button.
import { ListenerGroup, h, type Component } from './component.js';

export interface StatusMessageOptions {
  kind: 'info' | 'error';
  title: string;
  detail?: string;
  retryLabel?: string;
  onRetry?: () => void;
}

export class StatusMessage implements Component {
  readonly el: HTMLElement;
  private readonly listeners = new ListenerGroup();
  private readonly retryButton: HTMLButtonElement | null;

  constructor(private readonly options: StatusMessageOptions) {
    this.retryButton = options.onRetry && options.retryLabel ? h('button', { type: 'button', class: 'button' }, options.retryLabel) : null;
    this.el = h(
      'div',
      { class: `status status--${options.kind}`, role: options.kind === 'error' ? 'alert' : 'status' },
      h('p', { class: 'status__title' }, options.title),
      options.detail ? h('p', { class: 'status__detail' }, options.detail) : null,
      this.retryButton,
    );
    this.registerListeners();
  }

  private registerListeners(): void {
    if (this.retryButton) this.listeners.add(this.retryButton, 'click', this.onRetryClick);
  }

  private onRetryClick = (): void => {
    this.options.onRetry?.();
  };

  destroy(): void {
    this.listeners.removeAll();
    this.el.remove();
  }
}
