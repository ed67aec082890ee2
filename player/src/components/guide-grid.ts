// The live page's guide: its programmes by day on the channel's clock (core/guide-layout.ts),
// the one on air highlighted, the one being watched marked, and "start over" / "watch from the
// start" on those whose start is still in the DVR window. Programmes to come are plain text: there
// is nothing to play yet. Redrawn only when a row changes (a programme starts, the guide is
// fetched again, the language changes), keeping the focused button focused.
import type { TFunction } from 'i18next';
import type { GuideDay, GuideRow } from '../core/guide-layout.js';
import { textAttrs } from '../core/language.js';
import { sportName } from '../core/sports.js';
import { ListenerGroup, h, type Component } from './component.js';

export interface GuideGridOptions {
  /** A row's start-over action: seek the stream to the programme's start. */
  onStartOver(row: GuideRow): void;
}

const rowKey = (row: GuideRow) => `${row.item.programmeId}@${row.startMs}`;

export class GuideGrid implements Component {
  readonly el: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly zone: HTMLElement;
  private readonly message: HTMLElement;
  private readonly list: HTMLElement;
  private readonly listeners = new ListenerGroup();
  private rows = new Map<string, GuideRow>();
  private shown = '';
  private scrolled = false;

  constructor(private readonly options: GuideGridOptions) {
    this.heading = h('h2', { id: 'guide-title', class: 'guide__title' });
    this.zone = h('p', { class: 'guide__zone' });
    this.message = h('p', { class: 'guide__message', role: 'status' });
    this.list = h('div', { class: 'guide__days', tabindex: '-1' });
    this.el = h('section', { class: 'guide', 'aria-labelledby': 'guide-title' }, this.heading, this.zone, this.message, this.list);
    this.listeners.add(this.list, 'click', this.onClick);
  }

  /** A note above the grid (loading, no guide, "no longer in the window"); empty hides it. */
  say(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === '';
  }

  update(days: readonly GuideDay[], zoneName: string, t: TFunction): void {
    this.heading.textContent = t('live.guide');
    this.zone.textContent = t('live.guideZone', { zone: zoneName });
    const key = JSON.stringify([t('live.onAir'), days.map((d) => [d.key, d.label, d.rows.map((r) => [rowKey(r), r.item.title, r.time, r.state, r.startOver, r.playing])])]);
    if (key === this.shown) return;
    this.shown = key;
    const focused = (this.el.ownerDocument.activeElement as HTMLElement | null)?.closest?.('[data-row]')?.getAttribute('data-row') ?? null;
    this.rows = new Map(days.flatMap((d) => d.rows.map((r) => [rowKey(r), r] as const)));
    this.list.replaceChildren(...days.map((day) => this.renderDay(day, t)));
    if (focused) (this.list.querySelector(`[data-row="${CSS.escape(focused)}"] button`) as HTMLElement | null)?.focus();
    this.scrollToNow();
  }

  private renderDay(day: GuideDay, t: TFunction): HTMLElement {
    const id = `guide-day-${day.key}`;
    return h('section', { class: 'guide__day', 'aria-labelledby': id }, h('h3', { id, class: 'guide__day-label' }, day.label), h('ol', { class: 'guide__rows', role: 'list' }, ...day.rows.map((row) => this.renderRow(row, t))));
  }

  private renderRow(row: GuideRow, t: TFunction): HTMLElement {
    const key = rowKey(row);
    const titleId = `guide-${row.item.programmeId}-${row.startMs}`;
    const sport = sportName(t, row.item.sportCode, null);
    const badges = [row.state === 'now' ? h('span', { class: 'badge badge--on-air' }, t('live.onAir')) : null, row.playing && row.state !== 'now' ? h('span', { class: 'badge badge--watching' }, t('live.watching')) : null];
    const action = row.startOver
      ? h('button', { type: 'button', class: 'button guide__start-over', 'aria-describedby': titleId }, row.state === 'now' ? t('live.startOver') : t('live.watchFromStart'))
      : null;
    return h(
      'li',
      {
        class: `guide__row guide__row--${row.state}${row.playing ? ' guide__row--playing' : ''}`,
        'data-row': key,
        'data-programme-id': row.item.programmeId,
        'data-state': row.state,
        ...(row.state === 'now' ? { 'aria-current': 'time' } : {}),
      },
      h('time', { class: 'guide__time', datetime: row.item.start }, row.time),
      h(
        'div',
        { class: 'guide__what' },
        h('span', { id: titleId, class: 'guide__programme', ...textAttrs(row.item.locale) }, row.item.title),
        sport ? h('span', { class: 'guide__sport' }, sport) : null,
        ...badges,
      ),
      action,
    );
  }

  /** Once, when the programme on air first shows: bring it into the grid's view (not the page's). */
  private scrollToNow(): void {
    if (this.scrolled) return;
    const now = this.list.querySelector<HTMLElement>('.guide__row--now');
    if (!now) return;
    this.scrolled = true;
    // the list is positioned (styles.css), so offsetTop is within it; one row of what came before stays in view
    this.list.scrollTop = Math.max(0, now.offsetTop - now.offsetHeight);
  }

  private onClick = (e: Event): void => {
    const button = (e.target as HTMLElement).closest?.('.guide__start-over');
    const key = button?.closest('[data-row]')?.getAttribute('data-row');
    const row = key ? this.rows.get(key) : undefined;
    if (row) this.options.onStartOver(row);
  };

  destroy(): void {
    this.listeners.removeAll();
    this.el.remove();
  }
}
