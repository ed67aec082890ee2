// Programme list (every programme, drafts included) and the "new programme" form.
import { api } from '../api.js';
import { formValues, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import type { StudioPage } from '../router.js';
import type { StudioProgramme } from '../types.js';

export function displayTitle(p: StudioProgramme): string {
  return (p.localizations.find((l) => l.locale === 'en') ?? p.localizations[0])?.title ?? t('programmes.untitled');
}

export function statusBadge(p: StudioProgramme): HTMLElement {
  return h('span', { class: `badge badge--${p.status}`, 'data-status': p.status }, `${statusName(p.status)} · ${p.publishedAt ? t('programmes.published') : t('programmes.unpublished')}`);
}

/** A programme's or job's state, in words (the API's codes stay in data-status). */
export function statusName(status: string): string {
  // i18n-keys: status.draft, status.processing, status.ready, status.failed, status.queued, status.running, status.succeeded
  return ['draft', 'processing', 'ready', 'failed', 'queued', 'running', 'succeeded'].includes(status) ? t(`status.${status}`) : status;
}

export const programmesPage: StudioPage = {
  path: '/studio/programmes',
  title: () => t('programmes.title'),
  nav: () => t('programmes.title'),
  permission: 'programme:read',
  async render(ctx) {
    const { items } = await api<{ items: StudioProgramme[] }>('/api/studio/programmes', { signal: ctx.signal });
    ctx.main.append(
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, t('programmes.title')),
        ctx.can('programme:create') ? h('a', { class: 'button', href: '/studio/programmes/new', id: 'new-programme' }, t('programmes.new')) : null,
      ),
      items.length === 0
        ? h('p', { class: 'muted' }, t('programmes.none'))
        : h(
            'table',
            { class: 'table', id: 'programme-list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('fields.title')), h('th', {}, t('programmes.colStatus')), h('th', {}, t('programmes.colLanguages')), h('th', {}, t('programmes.colCreated')))),
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
                  h('td', {}, formatDateTime(p.createdAt)),
                ),
              ),
            ),
          ),
    );
  },
};

export const newProgrammePage: StudioPage = {
  path: '/studio/programmes/new',
  title: () => t('programmes.new'),
  permission: 'programme:create',
  render(ctx) {
    const error = h('p', { class: 'error', role: 'alert', id: 'np-error' });
    const fieldError = (name: string) => h('p', { class: 'error field-error', 'data-error-for': name, role: 'alert' });
    const form = h(
      'form',
      { class: 'card', id: 'new-programme-form' },
      h('h1', {}, t('programmes.new')),
      h('label', { for: 'np-locale' }, t('programmes.sourceLanguage')),
      h('input', { id: 'np-locale', name: 'locale', value: 'en', required: true, maxlength: 35 }),
      fieldError('locale'),
      h('label', { for: 'np-title' }, t('fields.title')),
      h('input', { id: 'np-title', name: 'title', required: true, maxlength: 300 }),
      fieldError('title'),
      h('label', { for: 'np-synopsis' }, t('fields.synopsis')),
      h('textarea', { id: 'np-synopsis', name: 'synopsis', rows: 4, maxlength: 5000 }),
      fieldError('synopsis'),
      error,
      h('button', { class: 'button', type: 'submit' }, t('programmes.create')),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(error, form);
      const v = formValues(form);
      try {
        const { id } = await api<{ id: string }>('/api/programmes', {
          method: 'POST',
          body: { localizations: { [v.locale!.trim()]: { title: v.title, ...(v.synopsis ? { synopsis: v.synopsis } : {}) } } },
        });
        ctx.toast(t('programmes.created'));
        ctx.navigate(`/studio/programmes/${id}`);
      } catch (err) {
        // The API names a refused language by the localizations' key: the form's "source language".
        showError(err, error, form, { localizations: 'locale' });
      }
    });
    ctx.main.append(form);
  },
};
