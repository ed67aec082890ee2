// Programme titles, short titles, synopses and events in the translate editor: the source localization
// (English, else the first one) beside the locale's, the same checks live as one types (empty
// title, Chinese script, length), saved with PUT /api/programmes/:id/localizations/:locale.
import { checkProgrammeText, PROGRAMME_LIMITS, type ProgrammeField } from '../../../i18n/check/programme.js';
import { api } from '../api.js';
import { clear, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { t } from '../i18n.js';
import { statusName } from '../pages/programmes.js';
import type { StudioContext } from '../router.js';
import { issueList } from './shared.js';

interface Loc {
  locale: string;
  title: string;
  shortTitle: string;
  synopsis: string;
  event: string;
}

interface Item {
  id: string;
  status: string;
  source: Loc | null;
  target: Loc | null;
  issues: unknown[];
}

const label = (f: ProgrammeField): string => ({ title: t('fields.title'), shortTitle: t('fields.shortTitle'), synopsis: t('fields.synopsis'), event: t('fields.event') })[f];

export async function renderProgrammes(ctx: StudioContext, locale: string, top: HTMLElement): Promise<void> {
  const { items, dir } = await api<{ items: Item[]; dir: string }>(`/api/translations/programmes/${encodeURIComponent(locale)}`, { signal: ctx.signal });
  let filter: 'all' | 'missing' = 'all';
  const list = h('div', { class: 'tr-list' });

  function card(item: Item): HTMLElement {
    const inputs = {
      title: h('input', { name: 'title', lang: locale, dir, 'aria-label': `${locale} ${t('fields.title')}` }),
      shortTitle: h('input', { name: 'shortTitle', lang: locale, dir, 'aria-label': `${locale} ${t('fields.shortTitle')}` }),
      synopsis: h('textarea', { name: 'synopsis', lang: locale, dir, rows: 4, 'aria-label': `${locale} ${t('fields.synopsis')}` }),
      event: h('input', { name: 'event', lang: locale, dir, 'aria-label': `${locale} ${t('fields.event')}` }),
    } satisfies Record<ProgrammeField, HTMLInputElement | HTMLTextAreaElement>;
    for (const f of Object.keys(inputs) as ProgrammeField[]) inputs[f].value = item.target?.[f] ?? '';
    const issuesBox = h('div', { class: 'tr-live' });
    const error = h('p', { class: 'error', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'button' }, item.target ? t('common.save') : t('translate.addTranslation'));
    const live = () => {
      const values = { title: inputs.title.value, shortTitle: inputs.shortTitle.value, synopsis: inputs.synopsis.value, event: inputs.event.value };
      const issues = checkProgrammeText(locale, values).map((i) => ({ ...i, where: label(i.field) }));
      clear(issuesBox, issueList(issues));
      save.disabled = issues.some((i) => i.severity === 'error');
    };
    const form = h(
      'form',
      { class: 'tr-programme-form' },
      (Object.keys(inputs) as ProgrammeField[]).map((f) => h('label', {}, t('translate.fieldMax', { field: label(f), max: PROGRAMME_LIMITS[f] }), inputs[f])),
      issuesBox,
      save,
      error,
    );
    form.addEventListener('input', live);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(error);
      try {
        const body = { title: inputs.title.value, shortTitle: inputs.shortTitle.value, synopsis: inputs.synopsis.value, event: inputs.event.value };
        await api(`/api/programmes/${item.id}/localizations/${encodeURIComponent(locale)}`, { method: 'PUT', body });
        item.target = { locale, ...body };
        save.textContent = t('common.save');
        ctx.toast(t('translate.savedText', { locale, title: item.source?.title ?? item.id }));
      } catch (err) {
        showError(err, error);
      }
    });
    live();
    const src = item.source;
    return h(
      'section',
      { class: 'card tr-unit', 'data-programme': item.id },
      h('header', { class: 'tr-unit__head' }, h('code', {}, item.id.slice(0, 8)), h('span', { class: `badge badge--${item.status}` }, statusName(item.status)), item.target ? null : h('span', { class: 'missing' }, t('translate.notTranslated'))),
      h(
        'div',
        { class: 'loc-grid' },
        h(
          'div',
          { class: 'source tr-source', lang: src?.locale ?? 'en' },
          src ? [h('p', {}, h('strong', {}, src.title), src.shortTitle ? ` (${src.shortTitle})` : ''), src.event ? h('p', { class: 'tr-source__event' }, src.event) : null, h('p', {}, src.synopsis), h('p', { class: 'muted' }, t('localizations.source', { locale: src.locale }))] : h('p', { class: 'muted' }, t('translate.noLocalization')),
        ),
        form,
      ),
    );
  }

  const render = () => clear(list, items.filter((i) => filter === 'all' || !i.target).map(card));
  const filters = h(
    'div',
    { class: 'tr-filters' },
    (['all', 'missing'] as const).map((f) =>
      h('button', { type: 'button', class: `locale-chip${f === filter ? ' locale-chip--here' : ''}`, 'data-filter': f, onclick: (e: Event) => {
        filter = f;
        for (const b of filters.querySelectorAll('button')) b.classList.toggle('locale-chip--here', b === e.currentTarget);
        render();
      } }, f === 'all' ? t('translate.filterAll') : t('translate.filterMissing')),
    ),
  );
  top.append(h('p', { class: 'muted' }, `${t('translate.programmeCount', { n: items.length })} · ${t('translate.withoutCount', { n: items.filter((i) => !i.target).length, locale })}`), filters, list);
  render();
}
