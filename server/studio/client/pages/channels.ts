// The channel list (GET /api/studio/channels) and, for editors, the form that creates one
// (POST /api/channels): slug, a name per language, audio and subtitle languages, regions served,
// the schedule's time zone, loop mode. A refused field is shown beside it.
import { api } from '../api.js';
import { append, clear, formValues, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import type { StudioPage } from '../router.js';
import type { EditorChannel } from '../types.js';
import { S } from '../channels/strings.js';

export function channelName(c: { names: Record<string, string> }): string {
  return c.names.en ?? Object.values(c.names)[0] ?? S.untitled;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The IANA zones this browser knows (for the time-zone field's suggestions). */
function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Paris', 'Europe/London', 'America/New_York', 'Asia/Shanghai', 'Asia/Tokyo'];
}

function createForm(ctx: Parameters<StudioPage['render']>[0]): HTMLElement {
  const fieldError = (name: string) => h('p', { class: 'error field-error', 'data-error-for': name, role: 'alert' });
  const names = h('div', { id: 'nc-names', class: 'name-rows' });
  const addName = (locale = '', name = '') => {
    const row = h(
      'div',
      { class: 'name-row' },
      h('input', { class: 'nc-name-locale', 'aria-label': S.nameLocale, placeholder: S.nameLocale, value: locale, maxlength: 35 }),
      h('input', { class: 'nc-name-text', 'aria-label': S.nameText, placeholder: S.nameText, value: name, maxlength: 100 }),
      h('button', { type: 'button', class: 'button button--quiet', onclick: () => row.remove() }, S.removeName),
    );
    names.append(row);
  };
  addName('en');
  const general = h('p', { class: 'error', role: 'alert', id: 'nc-error' });
  const form = h(
    'form',
    { class: 'card', id: 'new-channel-form' },
    h('h2', {}, S.newChannel),
    h('label', { for: 'nc-slug' }, S.slug),
    h('input', { id: 'nc-slug', name: 'slug', required: true, maxlength: 64 }),
    fieldError('slug'),
    h('label', {}, S.names),
    names,
    h('button', { type: 'button', class: 'button button--quiet add-row', id: 'nc-add-name', onclick: () => addName() }, S.addName),
    fieldError('names'),
    h('label', { for: 'nc-languages' }, S.languages),
    h('input', { id: 'nc-languages', name: 'languages', required: true, value: 'en' }),
    fieldError('languages'),
    h('label', { for: 'nc-subtitles' }, S.subtitleLanguages),
    h('input', { id: 'nc-subtitles', name: 'subtitleLanguages' }),
    fieldError('subtitleLanguages'),
    h('label', { for: 'nc-regions' }, S.regions),
    h('input', { id: 'nc-regions', name: 'regions', value: 'WW' }),
    fieldError('regions'),
    h('label', { for: 'nc-timezone' }, S.timezone),
    h('input', { id: 'nc-timezone', name: 'timezone', value: Intl.DateTimeFormat().resolvedOptions().timeZone, list: 'nc-zones', required: true }),
    h('datalist', { id: 'nc-zones' }, zones().map((z) => h('option', { value: z }))),
    fieldError('timezone'),
    h('label', { class: 'check' }, h('input', { id: 'nc-loop', name: 'loop', type: 'checkbox', value: 'yes' }), S.loop),
    general,
    h('button', { class: 'button', type: 'submit' }, S.create),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(general, form);
    const v = formValues(form);
    const nameMap: Record<string, string> = {};
    for (const row of names.querySelectorAll('.name-row')) {
      const locale = (row.querySelector('.nc-name-locale') as HTMLInputElement).value.trim();
      if (locale) nameMap[locale] = (row.querySelector('.nc-name-text') as HTMLInputElement).value;
    }
    const body = {
      slug: v.slug ?? '',
      names: nameMap,
      languages: list(v.languages),
      subtitleLanguages: list(v.subtitleLanguages),
      regions: list(v.regions).map((r) => r.toUpperCase()),
      timezone: (v.timezone ?? '').trim(),
      loop: v.loop === 'yes',
    };
    try {
      const c = await api<{ id: string }>('/api/channels', { method: 'POST', body });
      ctx.toast(S.created(body.slug));
      ctx.navigate(`/studio/channels/${c.id}`);
    } catch (err) {
      showError(err, general, form);
    }
  });
  return form;
}

export const channelsPage: StudioPage = {
  path: '/studio/channels',
  title: () => S.channels,
  nav: () => S.channels,
  permission: 'programme:read',
  async render(ctx) {
    const { items } = await api<{ items: EditorChannel[] }>('/api/studio/channels', { signal: ctx.signal });
    const table = h('div', { id: 'channel-list' });
    clear(
      table,
      items.length === 0
        ? h('p', { class: 'muted' }, S.noChannels)
        : h(
            'table',
            { class: 'table' },
            h('thead', {}, h('tr', {}, h('th', {}, S.colName), h('th', {}, S.colSlug), h('th', {}, S.colRegions), h('th', {}, S.colTimezone), h('th', {}, S.colSchedule))),
            h(
              'tbody',
              {},
              items.map((c) =>
                h(
                  'tr',
                  { 'data-id': c.id },
                  h('td', {}, h('a', { href: `/studio/channels/${c.id}` }, channelName(c))),
                  h('td', {}, h('code', {}, c.slug)),
                  h('td', {}, c.regions.join(', ')),
                  h('td', {}, c.timezone),
                  h('td', {}, S.scheduleSummary(c.entryCount, c.scheduleVersion), c.loop ? h('span', { class: 'badge' }, S.loopMark) : null),
                ),
              ),
            ),
          ),
    );
    append(ctx.main, [h('div', { class: 'page-head' }, h('h1', {}, S.channels)), table, ctx.can('channel:write') ? createForm(ctx) : null]);
  },
};
