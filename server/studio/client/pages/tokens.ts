// Personal API tokens for scripts: create (the secret is shown once), list, revoke.
import { api, ApiFailure } from '../api.js';
import { clear, formValues, h } from '../dom.js';
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
  title: 'API tokens',
  nav: 'API tokens',
  permission: 'token:manage-own',
  async render(ctx) {
    if (ctx.me.via === 'bootstrap') {
      ctx.main.append(h('h1', {}, 'API tokens'), h('p', {}, 'Sign in with an account to manage its tokens.'));
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
          ? h('p', { class: 'muted' }, 'No tokens.')
          : h(
              'table',
              { class: 'table' },
              h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Token'), h('th', {}, 'Last used'), h('th', {}, 'Expires'), h('th', {}))),
              h(
                'tbody',
                {},
                live.map((t) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, t.name),
                    h('td', {}, h('code', {}, t.hint)),
                    h('td', {}, t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'),
                    h('td', {}, t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : 'never'),
                    h(
                      'td',
                      {},
                      h('button', {
                        type: 'button',
                        class: 'button button--quiet',
                        onclick: async () => {
                          await api(`/api/tokens/${t.id}`, { method: 'DELETE' });
                          ctx.toast(`Token “${t.name}” revoked`);
                          await refresh();
                        },
                      }, 'Revoke'),
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
      h('label', { for: 'token-name' }, 'Name'),
      h('input', { id: 'token-name', name: 'name', required: true, maxlength: 100, placeholder: 'nightly ingest script' }),
      h('button', { class: 'button', type: 'submit' }, 'Create token'),
      error,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const r = await api<{ token: string; name: string }>('/api/tokens', { method: 'POST', body: { name: formValues(form).name } });
        clear(shown, h('div', { class: 'card notice' }, h('p', {}, `Token “${r.name}” — copy it now, it will not be shown again:`), h('code', { class: 'secret' }, r.token)));
        form.reset();
        await refresh();
      } catch (err) {
        error.textContent = err instanceof ApiFailure ? err.message : String(err);
      }
    });
    ctx.main.append(h('h1', {}, 'API tokens'), h('p', { class: 'muted' }, 'For scripts: send Authorization: Bearer <token>. Tokens act with your role.'), form, shown, listEl);
    await refresh();
  },
};
