// /studio/translate: coverage of every locale × namespace (and programme texts), then the editor
// for one locale and namespace (/studio/translate/:locale/:ns; "programmes" is the catalog's
// titles and synopses). Translators, editors and admins (localization:write).
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatPercent } from '../format.js';
import { t } from '../i18n.js';
import type { StudioPage } from '../router.js';
import { renderEditor } from '../translate/editor.js';
import { renderProgrammes } from '../translate/programmes.js';
import { picker, PROGRAMMES, type Overview } from '../translate/shared.js';

const pct = (n: number, total: number): string => formatPercent(total === 0 ? 1 : Math.floor((1000 * n) / total) / 1000, 1);

export const translatePage: StudioPage = {
  path: '/studio/translate',
  title: () => t('translate.title'),
  nav: () => t('translate.title'),
  permission: 'localization:write',
  async render(ctx) {
    const overview = await api<Overview>('/api/translations', { signal: ctx.signal });
    const namespaces = [...new Set(overview.locales.flatMap((l) => l.namespaces.map((n) => n.namespace)))];
    const link = (locale: string, ns: string, text: string) => h('a', { href: `/studio/translate/${encodeURIComponent(locale)}/${encodeURIComponent(ns)}` }, text);
    ctx.main.append(
      h('h1', {}, t('translate.title')),
      h('p', { class: 'muted' }, t('translate.help', { source: overview.sourceLocale })),
      h(
        'table',
        { class: 'table tr-overview' },
        h('thead', {}, h('tr', {}, h('th', {}, t('translate.locale')), namespaces.map((n) => h('th', {}, h('code', {}, n))), h('th', {}, t('programmes.title')), h('th', {}, t('translate.fallback')))),
        h(
          'tbody',
          {},
          overview.locales.map((l) =>
            h(
              'tr',
              { 'data-locale': l.locale },
              h('th', { lang: l.locale }, l.locale),
              namespaces.map((ns) => {
                const c = l.namespaces.find((n) => n.namespace === ns);
                if (!c) return h('td', {}, '—');
                return h(
                  'td',
                  {},
                  link(l.locale, ns, pct(c.effective, c.total)),
                  h('span', { class: 'muted' }, ` ${t('translate.own', { value: pct(c.own, c.total) })}`),
                  c.errors ? h('span', { class: 'badge badge--failed' }, ` ${t('translate.errors', { n: c.errors })}`) : null,
                );
              }),
              h('td', {}, link(l.locale, PROGRAMMES, t('translate.titlesSynopses'))),
              h('td', { class: 'muted' }, l.chain.join(' → ')),
            ),
          ),
        ),
      ),
    );
  },
};

export const translateEditorPage: StudioPage = {
  path: '/studio/translate/:locale/:ns',
  title: () => t('translate.title'),
  permission: 'localization:write',
  async render(ctx) {
    const { locale, ns } = ctx.params as { locale: string; ns: string };
    const overview = await api<Overview>('/api/translations', { signal: ctx.signal });
    const box = h('div', { class: 'tr-editor' });
    ctx.main.append(
      h('div', { class: 'page-head' }, h('h1', {}, `${t('translate.title')} · ${ns === PROGRAMMES ? t('programmes.title') : ns} · ${locale}`), h('a', { href: '/studio/translate' }, t('translate.allLocales'))),
      picker(overview, locale, ns, ctx.navigate),
      box,
    );
    if (ns === PROGRAMMES) await renderProgrammes(ctx, locale, box);
    else await renderEditor(ctx, locale, ns, box);
  },
};
