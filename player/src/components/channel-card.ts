// One live channel in the home page's "Live now" rail: its name, what is on now (in the viewer's
// language; "between programmes" on the slate) and how much of it has aired, linking to its live
// page. tick() moves the bar; the rail fetches the channels again when a programme ends.
import type { TFunction } from 'i18next';
import type { Channel } from '../core/api.js';
import { textAttrs } from '../core/language.js';
import { airedFraction } from '../core/live-time.js';
import { channelPath } from '../core/routes.js';
import { h, type Component } from './component.js';

export class ChannelCard implements Component {
  readonly el: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly startMs: number;
  private readonly endMs: number;

  constructor(channel: Channel, t: TFunction, link: (path: string) => string, nowMs: number) {
    this.startMs = channel.now ? Date.parse(channel.now.start) : Number.NaN;
    this.endMs = channel.now ? Date.parse(channel.now.end) : Number.NaN;
    this.bar = h('span', { class: 'progress__bar' });
    this.el = h(
      'li',
      { class: 'card card--live' },
      h(
        'a',
        { class: 'card__link', href: link(channelPath(channel.id)), 'data-channel-id': channel.id },
        h('div', { class: 'card__media card__media--live' }, h('span', { class: 'card__channel', ...textAttrs(channel.locale) }, channel.name), h('span', { class: 'badge badge--live' }, t('live.badge'))),
        h('h3', { class: 'card__title', ...textAttrs(channel.locale) }, channel.name),
        h('p', { class: 'card__meta card__now' }, channel.now ? t('live.nowTitle', { title: channel.now.title }) : t('live.offAir')),
        // the bar repeats what the title says (on air now): hidden from screen readers
        channel.now ? h('div', { class: 'progress card__progress', 'aria-hidden': 'true' }, this.bar) : null,
      ),
    );
    this.tick(nowMs);
  }

  /** Moves the progress bar; true once what was on now has ended (time to ask for the channels again). */
  tick(nowMs: number): boolean {
    if (!Number.isFinite(this.startMs)) return false;
    this.bar.style.inlineSize = `${airedFraction(this.startMs, this.endMs, nowMs) * 100}%`;
    return nowMs >= this.endMs;
  }

  destroy(): void {
    this.el.remove();
  }
}
