// The Olympic sports' names per language, as the player shows them (locales/<locale>/player.json
// `sports.<code>`), for what the server writes itself in a language: the XMLTV guide's categories.
// Read once at start; a language without its own folder takes its closest one along the CLDR chain
// (zh-HK → zh-Hant-HK → zh-Hant), never another script.
import fs from 'node:fs';
import path from 'node:path';
import { chooseLocalization, fallbackChain } from '../locale-fallback/index.js';

export type SportName = (code: string, lang: string) => string | null;

export function loadSportNames(localesDir: string): SportName {
  const byLocale = new Map<string, Record<string, string>>();
  if (fs.existsSync(localesDir)) {
    for (const d of fs.readdirSync(localesDir, { withFileTypes: true })) {
      const file = path.join(localesDir, d.name, 'player.json');
      if (!d.isDirectory() || !fs.existsSync(file)) continue;
      const sports = (JSON.parse(fs.readFileSync(file, 'utf8')) as { sports?: Record<string, unknown> }).sports ?? {};
      byLocale.set(d.name, Object.fromEntries(Object.entries(sports).filter((e): e is [string, string] => typeof e[1] === 'string')));
    }
  }
  return (code, lang) => {
    // Along the language's chain, the first locale that names the sport (a regional folder may hold only overrides).
    const chain = fallbackChain(lang);
    const named = new Map([...byLocale].filter(([, names]) => names[code] !== undefined));
    return chooseLocalization(chain, named, { lastResort: false })?.value[code] ?? null;
  };
}
