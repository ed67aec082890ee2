// Finds English left on a page that should be in another language: every visible text node's
// Latin words, except inside an element whose own `lang` is not the page's (an English source
// shown to a translator, a language named in its own words), inside <code>, and except words
// that are the same in every language (brand names, codes, units). Runs in the page.
import type { Page } from 'playwright-core';

/** Words that stay as they are in every language: brand names, protocol names, units, codes. */
export const ALLOWED_WORDS = ['Podium', 'studio' /* the brand, "Podium studio" */, 'API', 'HTTP', 'UTC', 'WW', 'CLDR', 'IANA', 'LUFS', 'dBTP', 'kB', 'MB', 'GB', 'ms', 'Mbps', 'Mbit', 'Authorization', 'Bearer', 'HLS', 'ID', 'GMT', 'CN', 'MO', 'HK', 'FR', 'BE'];

export async function visibleEnglish(page: Page, allowed: readonly string[] = ALLOWED_WORDS): Promise<string[]> {
  return page.evaluate((allow) => {
    const pageLang = document.documentElement.lang;
    const ok = new Set(allow);
    // Locale tags (zh-Hans, en), region codes, IANA zones (Asia/Shanghai), e-mail addresses, ids.
    const CODE = /^([a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?|[A-Z]{2}|[A-Z][a-z]+\/[A-Za-z_]+|\S+@\S+|[0-9a-f-]{8,})$/;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      if (el.closest('code, script, style')) continue;
      const langEl = el.closest('[lang]');
      if (langEl && langEl !== document.documentElement && langEl.getAttribute('lang') !== pageLang) continue;
      for (const token of (n.textContent ?? '').split(/[\s,;:()（）：，、·|–—→←"“”«»「」]+/)) {
        if (CODE.test(token)) continue;
        for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) {
          if (!ok.has(word)) found.push(`${word} (in <${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>: “${token}”)`);
        }
      }
    }
    return found;
  }, [...allowed]);
}
