// Sign-in form (e-mail + password → POST /api/auth/login → session cookie).
import { api, ApiFailure, setCsrfToken } from '../api.js';
import { clear, formValues, h } from '../dom.js';

export function loginPage(main: HTMLElement, onSignedIn: () => void): void {
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card login', id: 'login-form', method: 'post', action: '/api/auth/login' },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'login-email' }, 'E-mail'),
    h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    h('label', { for: 'login-password' }, 'Password'),
    h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    error,
    h('button', { class: 'button', type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const { email, password } = formValues(form);
    try {
      const r = await api<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { email, password } });
      setCsrfToken(r.csrfToken);
      onSignedIn();
    } catch (err) {
      error.textContent = err instanceof ApiFailure ? err.message : 'The server could not be reached.';
    }
  });
  clear(main, form);
  form.querySelector('input')?.focus();
}
