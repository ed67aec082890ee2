// "/programme/:id": what a programme is before pressing play — poster, title, synopsis, sport,
// recording date (viewer's language, region's clock), duration, audio and subtitle languages
// (named in the UI language) and a Play link.
import { h } from '../components/component.js';
import { StatusMessage } from '../components/status-message.js';
import type { Programme } from '../core/api.js';
import { formatDurationWords, languageName } from '../core/format.js';
import { textAttrs } from '../core/language.js';
import { watchPath } from '../core/routes.js';
import { sportsLine } from '../core/sports.js';
import { apiErrorMessage, programmeDate, type Page, type PageContext } from './page.js';

/** Languages named by a tag (not "und", "zxx", "mul": an untagged track names no language). */
function tags(list: Programme['audio'] | Programme['subtitles']): string[] {
  return [...new Set((list ?? []).map((x) => x.locale).filter((l) => l && !/^(und|zxx|mul|mis)$/i.test(l)))];
}

export class ProgrammePage implements Page {
  readonly el: HTMLElement;
  private status: StatusMessage | null = null;
  private abort = new AbortController();
  private destroyed = false;

  constructor(
    private readonly ctx: PageContext,
    private readonly programmeId: string,
  ) {
    this.el = h('section', { class: 'page programme' });
  }

  async start(): Promise<void> {
    const { t } = this.ctx.i18n;
    let p: Programme;
    try {
      p = await this.ctx.api.getProgramme(this.programmeId, this.ctx.viewer(), this.abort.signal);
    } catch (err) {
      if (this.destroyed) return;
      this.ctx.document.title = `${t('errors.title')} · ${t('app.name')}`;
      this.status = new StatusMessage({ kind: 'error', title: apiErrorMessage(err, t, this.ctx) });
      this.el.replaceChildren(h('a', { class: 'back-link', href: this.ctx.link('/') }, t('watch.back')), this.status.el);
      return;
    }
    if (this.destroyed) return;
    const lang = this.ctx.viewer().lang;
    // The programme's text may be a fallback in another language (and direction) than the page.
    const textLang = textAttrs(p.locale);
    this.ctx.document.title = `${p.title} · ${t('app.name')}`;
    const facts: Array<[string, string | null]> = [
      [t('programme.sport'), sportsLine(p, t, lang)],
      [t('programme.recorded'), programmeDate(this.ctx, p.recordedAt)],
      [t('programme.duration'), formatDurationWords(p.durationSec, lang)],
      [t('programme.audio'), tags(p.audio).map((l) => languageName(l, lang)).join(', ') || null],
      [t('programme.subtitles'), tags(p.subtitles).map((l) => languageName(l, lang)).join(', ') || null],
    ];
    const dl = h('dl', { class: 'programme__facts' });
    for (const [k, v] of facts) if (v) dl.append(h('dt', {}, k), h('dd', {}, v));
    this.el.replaceChildren(
      h('a', { class: 'back-link', href: this.ctx.link('/') }, t('watch.back')),
      h(
        'div',
        { class: 'programme__layout' },
        p.poster ? h('img', { class: 'programme__poster', src: p.poster, alt: t('home.posterAlt', { title: p.title }) }) : null,
        h(
          'div',
          { class: 'programme__text' },
          h('h1', { class: 'page__title', ...textLang }, p.title),
          p.synopsis ? h('p', { class: 'watch__synopsis', ...textLang }, p.synopsis) : null,
          dl,
          p.hls ? h('a', { class: 'button button--play', href: this.ctx.link(watchPath(p.id)) }, t('programme.play')) : h('p', { class: 'status__detail' }, t('watch.processingDetail')),
        ),
      ),
    );
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abort.abort();
    this.status?.destroy();
    this.el.remove();
  }
}
