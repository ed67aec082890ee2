// Studio boot: who am I? → the editor's language → the login form, or the page for the URL
// inside the shell. A translation saved for the `studio` namespace re-renders the page.
import { api, ApiFailure, setCsrfToken, type Me } from './api.js';
import { clear, h } from './dom.js';
import { errorText } from './errors.js';
import { changeLocale, locale, startI18n, t } from './i18n.js';
import { languageMenu } from './language-menu.js';
import { loginPage } from './pages/login.js';
import { PAGES } from './pages/index.js';
import { matchPage, type StudioContext } from './router.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
const toastEl = document.getElementById('toast')!;
let me: Me | null = null;
let leave: AbortController | null = null;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  toastEl.textContent = message;
  toastEl.className = `toast toast--${kind} toast--shown`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toastEl.className = 'toast'), kind === 'error' ? 8000 : 3000);
}

function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void render();
}

async function whoAmI(): Promise<Me | null> {
  try {
    const m = await api<Me>('/api/auth/me');
    setCsrfToken(m.csrfToken ?? null);
    return m;
  } catch (err) {
    if (err instanceof ApiFailure && (err.status === 401 || err.status === 403)) return null;
    throw err;
  }
}

function renderChrome(): void {
  if (!me) {
    clear(nav);
    clear(who);
    return;
  }
  const can = (p?: string) => !p || me!.permissions.includes(p);
  clear(
    nav,
    PAGES.filter((p) => p.nav && can(p.permission)).map((p) =>
      h('a', { href: p.path, class: location.pathname.startsWith(p.path) ? 'bar__link bar__link--here' : 'bar__link' }, p.nav!()),
    ),
  );
  clear(
    who,
    h('span', { class: 'muted' }, `${me.account?.email ?? t('chrome.bootstrap')} · `, h('span', { 'data-role': me.role }, roleName(me.role))),
    me.account ? languageMenu(me, onLanguage) : null,
    h('button', { type: 'button', class: 'button button--quiet', id: 'logout', onclick: () => void logout() }, t('chrome.signOut')),
  );
}

function roleName(role: Me['role']): string {
  return { admin: t('roles.admin'), editor: t('roles.editor'), translator: t('roles.translator') }[role] ?? role;
}

/** The editor chose a language: switch the page to it (the server already stored it). */
async function onLanguage(chosen: { locale: string }): Promise<void> {
  me = await whoAmI();
  await changeLocale(chosen.locale);
  void render();
}

async function logout(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  me = null;
  setCsrfToken(null);
  navigate('/studio', true);
}

async function render(): Promise<void> {
  leave?.abort();
  leave = new AbortController();
  if (!me) {
    renderChrome();
    document.title = `${t('login.title')} · Podium studio`;
    loginPage(main, async () => {
      me = await whoAmI();
      if (me && me.locale !== locale()) await changeLocale(me.locale);
      void render();
    });
    return;
  }
  const path = location.pathname === '/studio' || location.pathname === '/studio/' ? '/studio/programmes' : location.pathname;
  const found = matchPage(PAGES, path);
  renderChrome();
  clear(main);
  if (!found) {
    main.append(h('h1', {}, t('chrome.notFound')), h('p', {}, h('a', { href: '/studio' }, t('chrome.backToProgrammes'))));
    return;
  }
  const ctx: StudioContext = {
    me,
    main,
    params: found.params,
    query: new URLSearchParams(location.search),
    signal: leave.signal,
    navigate,
    toast,
    can: (p) => me!.permissions.includes(p),
  };
  document.title = `${found.page.title()} · Podium studio`;
  if (found.page.permission && !ctx.can(found.page.permission)) {
    main.append(h('h1', {}, found.page.title()), h('p', {}, t('chrome.notAllowed', { role: roleName(me.role) })));
    return;
  }
  try {
    await found.page.render(ctx);
  } catch (err) {
    // The user left the page while it loaded: its aborted reads are no error of the next page's.
    if (ctx.signal.aborted) return;
    if (err instanceof ApiFailure && err.status === 401) {
      me = null;
      void render();
      return;
    }
    main.append(h('p', { class: 'error', title: err instanceof Error ? err.message : String(err) }, errorText(err)));
  }
}

/**
 * Whether the editor typed or chose something on the page that is not saved yet: a re-render
 * would lose it. Fields are built with attributes (dom.ts), so a field's default is what the
 * page rendered and any difference is the editor's.
 */
function hasUnsavedInput(root: HTMLElement): boolean {
  for (const el of root.querySelectorAll('input, textarea, select')) {
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.type === 'file' ? !!el.files?.length : el.value !== el.defaultValue) return true;
    } else if (el instanceof HTMLTextAreaElement) {
      if (el.value !== el.defaultValue) return true;
    } else if (el instanceof HTMLSelectElement) {
      const chosen = [...el.options].findIndex((o) => o.defaultSelected);
      if (el.selectedIndex !== Math.max(0, chosen)) return true;
    }
  }
  return false;
}

/**
 * A translation of the studio was saved (or its bundle reloaded): the page shows the new words
 * at once, unless that would throw away the editor's unsaved input — then the bar now and the
 * page at its next render (a save, a link, a reload).
 */
function onTranslationsChanged(): void {
  if (me && hasUnsavedInput(main)) renderChrome();
  else void render();
}

// Links inside the studio navigate without reloading.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/studio')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void render());

void (async () => {
  me = await whoAmI();
  // The shell's <html lang> is the server's choice for a visitor not signed in (Accept-Language).
  await startI18n(me?.locale ?? document.documentElement.lang ?? 'en', onTranslationsChanged);
  await render();
})();
