// Personal API tokens for scripts: create (the secret is shown once), list, revoke.
import { api } from '../api.js';
import { clear, formValues, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { formatDate, formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import type { StudioPage } from '../router.js';

interface TokenView {
  id: string;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export const tokensPage: StudioPage = {
  path: '/studio/tokens',
  title: () => t('tokens.title'),
  nav: () => t('tokens.title'),
  permission: 'token:manage-own',
  async render(ctx) {
    if (ctx.me.via === 'bootstrap') {
      ctx.main.append(h('h1', {}, t('tokens.title')), h('p', {}, t('tokens.needAccount')));
      return;
    }
    const listEl = h('div');
    const shown = h('div', { id: 'new-token' });
    const error = h('p', { class: 'error', role: 'alert' });
    const refresh = async () => {
      const { items } = await api<{ items: TokenView[] }>('/api/tokens');
      const live = items.filter((t) => !t.revokedAt);
      clear(
        listEl,
        live.length === 0
          ? h('p', { class: 'muted' }, t('tokens.none'))
          : h(
              'table',
              { class: 'table' },
              h('thead', {}, h('tr', {}, h('th', {}, t('fields.name')), h('th', {}, t('tokens.token')), h('th', {}, t('tokens.lastUsed')), h('th', {}, t('tokens.expires')), h('th', {}))),
              h(
                'tbody',
                {},
                live.map((tok) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, tok.name),
                    h('td', {}, h('code', {}, tok.hint)),
                    h('td', {}, tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('tokens.never')),
                    h('td', {}, tok.expiresAt ? formatDate(tok.expiresAt) : t('tokens.never')),
                    h(
                      'td',
                      {},
                      h('button', {
                        type: 'button',
                        class: 'button button--quiet',
                        onclick: async () => {
                          await api(`/api/tokens/${tok.id}`, { method: 'DELETE' });
                          ctx.toast(t('tokens.revoked', { name: tok.name }));
                          await refresh();
                        },
                      }, t('tokens.revoke')),
                    ),
                  ),
                ),
              ),
            ),
      );
    };
    const form = h(
      'form',
      { class: 'card inline-form' },
      h('label', { for: 'token-name' }, t('fields.name')),
      h('input', { id: 'token-name', name: 'name', required: true, maxlength: 100, placeholder: t('tokens.namePlaceholder') }),
      h('button', { class: 'button', type: 'submit' }, t('tokens.create')),
      h('p', { class: 'error field-error', 'data-error-for': 'name', role: 'alert' }),
      error,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(error, form);
      try {
        const r = await api<{ token: string; name: string }>('/api/tokens', { method: 'POST', body: { name: formValues(form).name } });
        clear(shown, h('div', { class: 'card notice' }, h('p', {}, t('tokens.shownOnce', { name: r.name })), h('code', { class: 'secret' }, r.token)));
        form.reset();
        await refresh();
      } catch (err) {
        showError(err, error, form);
      }
    });
    ctx.main.append(h('h1', {}, t('tokens.title')), h('p', { class: 'muted' }, t('tokens.help')), form, shown, listEl);
    await refresh();
  },
};
