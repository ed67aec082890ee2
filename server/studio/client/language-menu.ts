// The editor's language, kept on the account (PUT /api/auth/me/language): every UI locale,
// each named in its own language, or "the browser's" (null: Accept-Language decides).
import { UI_LANGUAGES } from '../../../player/src/core/language.js';
import { api, type Me } from './api.js';
import { h } from './dom.js';
import { errorText } from './errors.js';
import { t } from './i18n.js';

/** "中文（香港）" for zh-Hant-HK: a language is offered in its own words. */
function ownName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function languageMenu(me: Me, onChanged: (chosen: { locale: string }) => void | Promise<void>): HTMLElement {
  const current = me.account?.language ?? '';
  const select = h(
    'select',
    { id: 'studio-language', name: 'language', 'aria-label': t('chrome.language') },
    h('option', { value: '', selected: current === '' }, t('chrome.browserLanguage')),
    UI_LANGUAGES.map((l) => h('option', { value: l, lang: l, selected: l === current }, ownName(l))),
  );
  select.addEventListener('change', async () => {
    try {
      const r = await api<{ locale: string }>('/api/auth/me/language', { method: 'PUT', body: { language: select.value || null } });
      await onChanged(r);
    } catch (err) {
      select.title = errorText(err);
      select.setAttribute('aria-invalid', 'true');
    }
  });
  return h('label', { class: 'bar__language' }, select);
}
