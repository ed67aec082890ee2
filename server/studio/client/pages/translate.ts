// /studio/translate: coverage of every locale × namespace (and programme texts), then the editor
// for one locale and namespace (/studio/translate/:locale/:ns; "programmes" is the catalog's
// titles and synopses). Translators, editors and admins (localization:write).
import { api } from '../api.js';
import { h } from '../dom.js';
import type { StudioPage } from '../router.js';
import { renderEditor } from '../translate/editor.js';
import { renderProgrammes } from '../translate/programmes.js';
import { picker, PROGRAMMES, type Overview } from '../translate/shared.js';

const pct = (n: number, total: number): string => (total === 0 ? '100%' : `${Math.floor((1000 * n) / total) / 10}%`);

export const translatePage: StudioPage = {
  path: '/studio/translate',
  title: 'Translate',
  nav: 'Translate',
  permission: 'localization:write',
  async render(ctx) {
    const overview = await api<Overview>('/api/translations', { signal: ctx.signal });
    const namespaces = [...new Set(overview.locales.flatMap((l) => l.namespaces.map((n) => n.namespace)))];
    const link = (locale: string, ns: string, text: string) => h('a', { href: `/studio/translate/${encodeURIComponent(locale)}/${encodeURIComponent(ns)}` }, text);
    ctx.main.append(
      h('h1', {}, 'Translate'),
      h('p', { class: 'muted' }, `Effective coverage: keys a viewer sees in the locale itself or through its fallback chain before ${overview.sourceLocale}; own: in the locale's file.`),
      h(
        'table',
        { class: 'table tr-overview' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Locale'), namespaces.map((n) => h('th', {}, n)), h('th', {}, 'Programmes'), h('th', {}, 'Fallback'))),
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
                  h('span', { class: 'muted' }, ` own ${pct(c.own, c.total)}`),
                  c.errors ? h('span', { class: 'badge badge--failed' }, ` ${c.errors} errors`) : null,
                );
              }),
              h('td', {}, link(l.locale, PROGRAMMES, 'titles, synopses')),
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
  title: 'Translate',
  permission: 'localization:write',
  async render(ctx) {
    const { locale, ns } = ctx.params as { locale: string; ns: string };
    const overview = await api<Overview>('/api/translations', { signal: ctx.signal });
    const box = h('div', { class: 'tr-editor' });
    ctx.main.append(
      h('div', { class: 'page-head' }, h('h1', {}, `Translate ${ns === PROGRAMMES ? 'programmes' : ns} · ${locale}`), h('a', { href: '/studio/translate' }, 'All locales')),
      picker(overview, locale, ns, ctx.navigate),
      box,
    );
    if (ns === PROGRAMMES) await renderProgrammes(ctx, locale, box);
    else await renderEditor(ctx, locale, ns, box);
  },
};
