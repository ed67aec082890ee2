// One programme in a rail or grid: poster, title, duration, sport, and a badge while it is
// processing. The title's lang and dir are those of the locale the text was served in (a
// fallback may differ from the page's language), so screen readers pronounce it right and an
// English fallback title reads left to right on an Arabic page; the sport is in the UI language.
import type { TFunction } from 'i18next';
import type { Programme } from '../core/api.js';
import { formatDuration } from '../core/format.js';
import { textAttrs } from '../core/language.js';
import { sportName } from '../core/sports.js';
import { watchPath } from '../core/routes.js';
import { h, type Component } from './component.js';

export class ProgrammeCard implements Component {
  readonly el: HTMLElement;

  constructor(programme: Programme, t: TFunction, link: (path: string) => string) {
    const ready = programme.hls !== null;
    const duration = formatDuration(programme.durationSec);
    const title = programme.shortTitle || programme.title;
    const sport = sportName(t, programme.sportCode, programme.sport);
    const poster = programme.poster
      ? h('img', { class: 'card__poster', src: programme.poster, alt: t('home.posterAlt', { title: programme.title }), loading: 'lazy', decoding: 'async' })
      : h('div', { class: 'card__poster card__poster--empty', role: 'img', 'aria-label': t('home.noPoster') });
    this.el = h(
      'li',
      { class: 'card' },
      h(
        'a',
        { class: 'card__link', href: link(watchPath(programme.id)), 'data-programme-id': programme.id },
        h(
          'div',
          { class: 'card__media' },
          poster,
          ready ? null : h('span', { class: 'badge badge--processing' }, t('status.processing')),
          duration && ready ? h('span', { class: 'badge badge--duration', dir: 'ltr' }, duration) : null,
        ),
        h('h3', { class: 'card__title', ...textAttrs(programme.locale) }, title),
        sport ? h('p', { class: 'card__meta' }, sport) : null,
      ),
    );
  }

  destroy(): void {
    this.el.remove();
  }
}
