// Programme list (every programme, drafts included) and the "new programme" form.
import { api, ApiFailure } from '../api.js';
import { formValues, h } from '../dom.js';
import type { StudioPage } from '../router.js';
import type { StudioProgramme } from '../types.js';

export function displayTitle(p: StudioProgramme): string {
  return (p.localizations.find((l) => l.locale === 'en') ?? p.localizations[0])?.title ?? '(untitled)';
}

export function statusBadge(p: StudioProgramme): HTMLElement {
  const published = p.publishedAt ? 'published' : 'unpublished';
  return h('span', { class: `badge badge--${p.status}` }, `${p.status} · ${published}`);
}

export const programmesPage: StudioPage = {
  path: '/studio/programmes',
  title: 'Programmes',
  nav: 'Programmes',
  permission: 'programme:read',
  async render(ctx) {
    const { items } = await api<{ items: StudioProgramme[] }>('/api/studio/programmes', { signal: ctx.signal });
    ctx.main.append(
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, 'Programmes'),
        ctx.can('programme:create') ? h('a', { class: 'button', href: '/studio/programmes/new', id: 'new-programme' }, 'New programme') : null,
      ),
      items.length === 0
        ? h('p', { class: 'muted' }, 'No programmes yet.')
        : h(
            'table',
            { class: 'table', id: 'programme-list' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Status'), h('th', {}, 'Languages'), h('th', {}, 'Created'))),
            h(
              'tbody',
              {},
              items.map((p) =>
                h(
                  'tr',
                  { 'data-id': p.id },
                  h('td', {}, h('a', { href: `/studio/programmes/${p.id}` }, displayTitle(p))),
                  h('td', {}, statusBadge(p)),
                  h('td', {}, p.localizations.map((l) => l.locale).join(', ')),
                  h('td', {}, new Date(p.createdAt).toLocaleString()),
                ),
              ),
            ),
          ),
    );
  },
};

export const newProgrammePage: StudioPage = {
  path: '/studio/programmes/new',
  title: 'New programme',
  permission: 'programme:create',
  render(ctx) {
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h(
      'form',
      { class: 'card', id: 'new-programme-form' },
      h('h1', {}, 'New programme'),
      h('label', { for: 'np-locale' }, 'Source language'),
      h('input', { id: 'np-locale', name: 'locale', value: 'en', required: true, maxlength: 35 }),
      h('label', { for: 'np-title' }, 'Title'),
      h('input', { id: 'np-title', name: 'title', required: true, maxlength: 300 }),
      h('label', { for: 'np-synopsis' }, 'Synopsis'),
      h('textarea', { id: 'np-synopsis', name: 'synopsis', rows: 4, maxlength: 5000 }),
      error,
      h('button', { class: 'button', type: 'submit' }, 'Create'),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const v = formValues(form);
      try {
        const { id } = await api<{ id: string }>('/api/programmes', {
          method: 'POST',
          body: { localizations: { [v.locale!.trim()]: { title: v.title, ...(v.synopsis ? { synopsis: v.synopsis } : {}) } } },
        });
        ctx.toast('Programme created');
        ctx.navigate(`/studio/programmes/${id}`);
      } catch (err) {
        error.textContent = err instanceof ApiFailure ? err.message : String(err);
      }
    });
    ctx.main.append(form);
  },
};
