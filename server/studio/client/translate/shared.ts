// Shapes of the translator API (server/http/routes/translations.ts) and small helpers shared by
// the translate pages: placeholder highlighting, issue lists, the locale/namespace picker.
import { csrfHeaders } from '../api.js';
import { h } from '../dom.js';
import type { IssueText } from '../../../i18n/check/live.js';
import { t } from '../i18n.js';

// The views are the server's own types (type-only: erased from the bundle), so the editor and the
// API cannot drift apart.
export type { KeyView, NamespaceView, UnitView } from '../../../i18n/translations.js';

/**
 * Any check result shown in the editor: the live checks and the programme-text checks (both
 * bundled from server/i18n/check), shown in the editor's language from their code and params.
 */
export interface Issue extends IssueText {
  severity: 'error' | 'warning';
  check: string;
  /** The field it is about (programme texts), as the form names it. */
  where?: string;
}

export interface Overview {
  sourceLocale: string;
  locales: Array<{
    locale: string;
    chain: string[];
    dir: 'ltr' | 'rtl';
    namespaces: Array<{ namespace: string; own: number; effective: number; total: number; errors: number; warnings: number }>;
  }>;
}

export interface HistoryEntry {
  at: string;
  author: string;
  key: string;
  old: string | null;
  new: string | null;
  source: string | null;
}

/** Programmes are translated in the same editor, as a pseudo-namespace. */
export const PROGRAMMES = 'programmes';

const INLINE = /\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[a-zA-Z][^<>]*>/g;

/** Text with its placeholders ({{var}}, $t(key), HTML tags) as highlighted <mark>s. */
export function highlighted(text: string): Node[] {
  const out: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > last) out.push(document.createTextNode(text.slice(last, m.index)));
    out.push(h('mark', { class: 'ph', title: t('translate.placeholderTitle') }, m[0]));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(INLINE)].map((m) => m[0]))];
}

export function issueList(issues: readonly Issue[]): HTMLElement {
  return h(
    'ul',
    { class: 'tr-issues' },
    issues.map((i) => {
      // i18n-keys: translate.checks.placeholdersMissing, translate.checks.placeholdersExtra, translate.checks.simplifiedOnly, translate.checks.traditionalOnly
      // i18n-keys: translate.checks.tooLong, translate.checks.untranslated, translate.checks.empty, translate.fixes.placeholdersMissing, translate.fixes.placeholdersExtra
      // i18n-keys: translate.fixes.script, translate.fixes.tooLong, translate.fixes.untranslated, translate.fixes.empty
      const says = t(`translate.checks.${i.code}`, i.params);
      return h('li', { class: `tr-issue tr-issue--${i.severity}`, 'data-check': i.check }, `${i.severity === 'error' ? '✖' : '⚠'} ${i.where ? `${i.where}: ` : ''}${says} — ${t(`translate.fixes.${i.fixCode}`, i.params)}`);
    }),
  );
}

/** Locale and namespace selects (namespaces plus "programmes"); changing one navigates. */
export function picker(overview: Overview, locale: string, ns: string, navigate: (path: string) => void): HTMLElement {
  const namespaces = [...new Set(overview.locales.flatMap((l) => l.namespaces.map((n) => n.namespace))), PROGRAMMES];
  const localeSelect = h('select', { id: 'tr-locale', 'aria-label': t('translate.locale') }, overview.locales.map((l) => h('option', { value: l.locale, selected: l.locale === locale }, l.locale)));
  const nsSelect = h('select', { id: 'tr-ns', 'aria-label': t('translate.namespace') }, namespaces.map((n) => h('option', { value: n, selected: n === ns }, n === PROGRAMMES ? `${t('programmes.title')} (${t('translate.titlesSynopses')})` : n)));
  const go = () => navigate(`/studio/translate/${encodeURIComponent(localeSelect.value)}/${encodeURIComponent(nsSelect.value)}`);
  localeSelect.addEventListener('change', go);
  nsSelect.addEventListener('change', go);
  return h('div', { class: 'tr-picker' }, h('label', {}, t('translate.locale'), ' ', localeSelect), h('label', {}, t('translate.namespace'), ' ', nsSelect));
}

export interface RawResponse<T> {
  status: number;
  etag: string | null;
  body: T;
}

/** fetch() with the CSRF token and extra headers (If-Match), returning status and body (api() throws on 4xx). */
export async function send<T>(path: string, init: { method: string; body: unknown; headers?: Record<string, string> }): Promise<RawResponse<T>> {
  const res = await fetch(path, {
    method: init.method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...csrfHeaders(), ...init.headers },
    body: JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  return { status: res.status, etag: res.headers.get('etag'), body: (await res.json().catch(() => null)) as T };
}
