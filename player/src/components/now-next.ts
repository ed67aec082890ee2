// "Now" and "Next" under a live player: titles in the viewer's language (their own lang/dir when
// the guide served a fallback), times on the channel's clock, and how much of "now" has aired.
// The page feeds it core/live-time.ts nowNext() at the playhead; it redraws text only when it
// changed, so a screen reader hears a new programme once, not every tick.
import type { TFunction } from 'i18next';
import { airedFraction, type Airing, type NowNext } from '../core/live-time.js';
import { textAttrs } from '../core/language.js';
import { h, type Component } from './component.js';

export interface NowNextFormats {
  range(startMs: number, endMs: number): string;
}

interface Line {
  el: HTMLElement;
  label: HTMLElement;
  title: HTMLElement;
  time: HTMLElement;
}

function line(kind: 'now' | 'next'): Line {
  const label = h('span', { class: 'now-next__label' });
  const title = h('span', { class: 'now-next__title' });
  const time = h('time', { class: 'now-next__time' });
  return { el: h('p', { class: `now-next__line now-next__line--${kind}` }, label, ' ', title, ' ', time), label, title, time };
}

export class NowNextView implements Component {
  readonly el: HTMLElement;
  private readonly now = line('now');
  private readonly next = line('next');
  private readonly bar: HTMLElement;
  private shown = '';

  constructor() {
    this.bar = h('span', { class: 'progress__bar' });
    // the bar repeats what the times say: hidden from screen readers, outside the live region
    const progress = h('div', { class: 'progress now-next__progress', 'aria-hidden': 'true' }, this.bar);
    this.el = h('div', { class: 'now-next' }, h('div', { class: 'now-next__lines', 'aria-live': 'polite' }, this.now.el, this.next.el), progress);
  }

  update(value: NowNext, nowMs: number, t: TFunction, formats: NowNextFormats): void {
    const key = JSON.stringify([value.now, value.next, t('live.now')]);
    if (key !== this.shown) {
      this.shown = key;
      this.fill(this.now, t('live.now'), value.now, value.now ? null : t('live.offAir'), t, formats);
      this.fill(this.next, t('live.next'), value.next, null, t, formats);
      this.next.el.hidden = value.next === null;
    }
    this.bar.style.inlineSize = `${(value.now ? airedFraction(value.now.startMs, value.now.endMs, nowMs) : 0) * 100}%`;
  }

  private fill(target: Line, label: string, airing: Airing | null, empty: string | null, t: TFunction, formats: NowNextFormats): void {
    target.label.textContent = label;
    target.title.textContent = airing ? (airing.title ?? t('live.untitled')) : (empty ?? '');
    for (const attr of ['lang', 'dir']) target.title.removeAttribute(attr);
    if (airing?.title) for (const [attr, v] of Object.entries(textAttrs(airing.locale))) target.title.setAttribute(attr, v);
    if (airing) target.title.setAttribute('data-programme-id', airing.programmeId);
    else target.title.removeAttribute('data-programme-id');
    target.time.textContent = airing ? formats.range(airing.startMs, airing.endMs) : '';
    if (airing) target.time.setAttribute('datetime', new Date(airing.startMs).toISOString());
    else target.time.removeAttribute('datetime');
  }

  destroy(): void {
    this.el.remove();
  }
}
