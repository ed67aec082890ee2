// One programme in the home grid: poster, title, duration, and a badge while it is processing.
import type { TFunction } from 'i18next';
import type { Programme } from '../core/api.js';
import { formatDuration, withLangQuery } from '../core/format.js';
import { watchPath } from '../core/routes.js';
import { h, type Component } from './component.js';

export class ProgrammeCard implements Component {
  readonly el: HTMLElement;

  constructor(programme: Programme, t: TFunction, search: string) {
    const ready = programme.hls !== null;
    const duration = formatDuration(programme.durationSec);
    const poster = programme.poster
      ? h('img', { class: 'card__poster', src: programme.poster, alt: t('home.posterAlt', { title: programme.title }), loading: 'lazy', decoding: 'async' })
      : h('div', { class: 'card__poster card__poster--empty', role: 'img', 'aria-label': t('home.noPoster') });
    this.el = h(
      'li',
      { class: 'card', lang: programme.locale },
      h(
        'a',
        { class: 'card__link', href: withLangQuery(watchPath(programme.id), search), 'data-programme-id': programme.id },
        h(
          'div',
          { class: 'card__media' },
          poster,
          ready ? null : h('span', { class: 'badge badge--processing' }, t('status.processing')),
          duration && ready ? h('span', { class: 'badge badge--duration' }, duration) : null,
        ),
        h('h2', { class: 'card__title' }, programme.title),
      ),
    );
  }

  destroy(): void {
    this.el.remove();
  }
}
