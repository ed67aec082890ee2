// Programme titles, short titles, synopses and events in the translate editor: the source localization
// (English, else the first one) beside the locale's, the same checks live as one types (empty
// title, Chinese script, length), saved with PUT /api/programmes/:id/localizations/:locale.
import { checkProgrammeText, PROGRAMME_LIMITS, type ProgrammeField } from '../../../i18n/check/programme.js';
import { api, ApiFailure } from '../api.js';
import { clear, h } from '../dom.js';
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

const LABELS: Record<ProgrammeField, string> = { title: 'Title', shortTitle: 'Short title', synopsis: 'Synopsis', event: 'Event' };

export async function renderProgrammes(ctx: StudioContext, locale: string, top: HTMLElement): Promise<void> {
  const { items, dir } = await api<{ items: Item[]; dir: string }>(`/api/translations/programmes/${encodeURIComponent(locale)}`, { signal: ctx.signal });
  let filter: 'all' | 'missing' = 'all';
  const list = h('div', { class: 'tr-list' });

  function card(item: Item): HTMLElement {
    const inputs = {
      title: h('input', { name: 'title', lang: locale, dir, 'aria-label': `${locale} title` }),
      shortTitle: h('input', { name: 'shortTitle', lang: locale, dir, 'aria-label': `${locale} short title` }),
      synopsis: h('textarea', { name: 'synopsis', lang: locale, dir, rows: 4, 'aria-label': `${locale} synopsis` }),
      event: h('input', { name: 'event', lang: locale, dir, 'aria-label': `${locale} event` }),
    } satisfies Record<ProgrammeField, HTMLInputElement | HTMLTextAreaElement>;
    for (const f of Object.keys(inputs) as ProgrammeField[]) inputs[f].value = item.target?.[f] ?? '';
    const issuesBox = h('div', { class: 'tr-live' });
    const error = h('p', { class: 'error', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'button' }, item.target ? 'Save' : 'Add translation');
    const live = () => {
      const values = { title: inputs.title.value, shortTitle: inputs.shortTitle.value, synopsis: inputs.synopsis.value, event: inputs.event.value };
      const issues = checkProgrammeText(locale, values).map((i) => ({ ...i, message: `${LABELS[i.field]}: ${i.message}` }));
      clear(issuesBox, issueList(issues));
      save.disabled = issues.some((i) => i.severity === 'error');
    };
    const form = h(
      'form',
      { class: 'tr-programme-form' },
      (Object.keys(inputs) as ProgrammeField[]).map((f) => h('label', {}, `${LABELS[f]} (max ${PROGRAMME_LIMITS[f]})`, inputs[f])),
      issuesBox,
      save,
      error,
    );
    form.addEventListener('input', live);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const body = { title: inputs.title.value, shortTitle: inputs.shortTitle.value, synopsis: inputs.synopsis.value, event: inputs.event.value };
        await api(`/api/programmes/${item.id}/localizations/${encodeURIComponent(locale)}`, { method: 'PUT', body });
        item.target = { locale, ...body };
        save.textContent = 'Save';
        ctx.toast(`Saved the ${locale} text of “${item.source?.title ?? item.id}”`);
      } catch (err) {
        error.textContent = err instanceof ApiFailure ? `${err.field ? err.field + ': ' : ''}${err.message}` : String(err);
      }
    });
    live();
    const src = item.source;
    return h(
      'section',
      { class: 'card tr-unit', 'data-programme': item.id },
      h('header', { class: 'tr-unit__head' }, h('code', {}, item.id.slice(0, 8)), h('span', { class: `badge badge--${item.status}` }, item.status), item.target ? null : h('span', { class: 'missing' }, 'not translated')),
      h(
        'div',
        { class: 'loc-grid' },
        h(
          'div',
          { class: 'source tr-source', lang: src?.locale ?? 'en' },
          src ? [h('p', {}, h('strong', {}, src.title), src.shortTitle ? ` (${src.shortTitle})` : ''), src.event ? h('p', { class: 'tr-source__event' }, src.event) : null, h('p', {}, src.synopsis), h('p', { class: 'muted' }, `source: ${src.locale}`)] : h('p', { class: 'muted' }, 'no localization yet'),
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
      } }, f === 'all' ? 'All' : 'Missing'),
    ),
  );
  top.append(h('p', { class: 'muted' }, `${items.length} programmes · ${items.filter((i) => !i.target).length} without a ${locale} translation`), filters, list);
  render();
}
