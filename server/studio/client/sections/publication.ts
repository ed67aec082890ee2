// Publish / unpublish: a published programme is shown to viewers within its availability windows.
import { api, ApiFailure } from '../api.js';
import { h } from '../dom.js';
import type { ProgrammeSection } from './index.js';

export const publicationSection: ProgrammeSection = {
  id: 'publication',
  title: 'Publication',
  permission: 'programme:publish',
  render(ctx) {
    let publishedAt = ctx.programme.publishedAt;
    const state = h('p', { id: 'publication-state' });
    const button = h('button', { type: 'button', class: 'button', id: 'publication-toggle' });
    const error = h('p', { class: 'error', role: 'alert' });
    const show = () => {
      state.textContent = publishedAt ? `Published since ${new Date(publishedAt).toLocaleString()}` : 'Not published: viewers do not see it.';
      button.textContent = publishedAt ? 'Unpublish' : 'Publish';
      button.className = publishedAt ? 'button button--danger' : 'button';
    };
    button.addEventListener('click', async () => {
      error.textContent = '';
      try {
        const r = await api<{ publishedAt: string | null }>(`/api/programmes/${ctx.programme.id}/${publishedAt ? 'unpublish' : 'publish'}`, { method: 'POST' });
        publishedAt = r.publishedAt;
        ctx.toast(publishedAt ? 'Published' : 'Unpublished');
        show();
      } catch (err) {
        error.textContent = err instanceof ApiFailure ? err.message : String(err);
      }
    });
    show();
    ctx.el.append(state, button, error);
  },
};
