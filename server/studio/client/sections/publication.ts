// Publish / unpublish: a published programme is shown to viewers within its availability windows.
import { api } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import type { ProgrammeSection } from './index.js';

export const publicationSection: ProgrammeSection = {
  id: 'publication',
  title: () => t('publication.title'),
  permission: 'programme:publish',
  render(ctx) {
    let publishedAt = ctx.programme.publishedAt;
    const state = h('p', { id: 'publication-state' });
    const button = h('button', { type: 'button', class: 'button', id: 'publication-toggle' });
    const error = h('p', { class: 'error', role: 'alert' });
    const show = () => {
      state.textContent = publishedAt ? t('publication.since', { date: formatDateTime(publishedAt) }) : t('publication.not');
      button.textContent = publishedAt ? t('publication.unpublish') : t('publication.publish');
      button.className = publishedAt ? 'button button--danger' : 'button';
    };
    button.addEventListener('click', async () => {
      clearErrors(error);
      try {
        const r = await api<{ publishedAt: string | null }>(`/api/programmes/${ctx.programme.id}/${publishedAt ? 'unpublish' : 'publish'}`, { method: 'POST' });
        publishedAt = r.publishedAt;
        ctx.toast(publishedAt ? t('publication.published') : t('publication.unpublished'));
        show();
      } catch (err) {
        showError(err, error);
      }
    });
    show();
    ctx.el.append(state, button, error);
  },
};
