// Sign-in form (e-mail + password → POST /api/auth/login → session cookie).
import { api, ApiFailure, setCsrfToken } from '../api.js';
import { clear, formValues, h } from '../dom.js';
import { showError, clearErrors } from '../errors.js';
import { t } from '../i18n.js';

export function loginPage(main: HTMLElement, onSignedIn: () => void): void {
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card login', id: 'login-form', method: 'post', action: '/api/auth/login' },
    h('h1', {}, t('login.title')),
    h('label', { for: 'login-email' }, t('fields.email')),
    h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    h('label', { for: 'login-password' }, t('fields.password')),
    h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    error,
    h('button', { class: 'button', type: 'submit' }, t('login.submit')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(error);
    const { email, password } = formValues(form);
    try {
      const r = await api<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { email, password } });
      setCsrfToken(r.csrfToken);
      onSignedIn();
    } catch (err) {
      // A wrong password is the API's `unauthorized`: said in the editor's words, not the API's.
      if (err instanceof ApiFailure && err.code === 'unauthorized') error.textContent = t('login.wrong');
      else showError(err, error);
    }
  });
  clear(main, form);
  form.querySelector('input')?.focus();
}
