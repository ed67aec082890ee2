// Chinese script check: Simplified-only characters in a zh-Hant file, Traditional-only
// characters in a zh-Hans file. The table (script-table.ts) is derived from OpenCC and lists
// only characters that exist in one script; shared characters (的, 后, 干, 台) are never flagged.
import type { CheckContext, Finding } from './types.js';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './script-table.js';

function pairs(table: string): Map<string, string> {
  const chars = [...table];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
}

let tables: { simplifiedOnly: Map<string, string>; traditionalOnly: Map<string, string> } | undefined;
export function scriptTables(): { simplifiedOnly: Map<string, string>; traditionalOnly: Map<string, string> } {
  tables ??= { simplifiedOnly: pairs(SIMPLIFIED_ONLY), traditionalOnly: pairs(TRADITIONAL_ONLY) };
  return tables;
}

export function scriptOf(locale: string): 'Hans' | 'Hant' | null {
  const m = /^zh-(Hans|Hant)(-|$)/.exec(locale);
  return m ? (m[1] as 'Hans' | 'Hant') : null;
}

/** Characters of the wrong script in `text`, each with its usual form in the right script. */
export function wrongScript(text: string, script: 'Hans' | 'Hant'): Array<[string, string]> {
  const table = script === 'Hant' ? scriptTables().simplifiedOnly : scriptTables().traditionalOnly;
  const found = new Map<string, string>();
  for (const ch of text) {
    const fix = table.get(ch);
    if (fix !== undefined) found.set(ch, fix);
  }
  return [...found];
}

export function checkScript({ loaded }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const [locale, byNs] of loaded.files) {
    const script = scriptOf(locale);
    if (!script) continue;
    const wrong = script === 'Hant' ? 'Simplified' : 'Traditional';
    for (const file of byNs.values()) {
      for (const [key, value] of file.strings) {
        const bad = wrongScript(value, script);
        if (bad.length === 0) continue;
        findings.push({
          severity: 'error',
          check: 'script',
          file: file.display,
          key,
          message: `${wrong}-only characters in a zh-${script} file: ${bad.map(([c]) => c).join(' ')}`,
          fix: `write ${bad.map(([c, r]) => `${r} for ${c}`).join(', ')}`,
        });
      }
    }
  }
  return findings;
}
