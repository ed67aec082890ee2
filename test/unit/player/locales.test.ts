// Every UI string exists in every shipped language, and every t('…') key used in player/src
// exists in English (the source language).
import { expect } from 'chai';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REGIONAL_VARIANTS, SUPPORTED_LANGUAGES } from '../../../player/src/core/language.js';

const root = path.resolve(import.meta.dirname, '../../..');

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Dotted keys → strings; @meta siblings (notes for translators) are not UI strings. */
function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

function load(lng: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(root, 'locales', lng, 'player.json'), 'utf8')) as Record<string, unknown>);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('player locales', () => {
  const en = load('en');

  // Plural keys are compared without their CLDR suffix (French has _many, Arabic six forms);
  // npm run i18n:check verifies the exact forms of each locale.
  const base = (m: Map<string, string>) => [...new Set([...m.keys()].map((k) => k.replace(PLURAL, '')))].sort();
  const sourceOf = (key: string) => en.get(key) ?? en.get(key.replace(PLURAL, '_other'))!;

  for (const lng of SUPPORTED_LANGUAGES) {
    it(`${lng}: same keys as English, no empty strings, same {{placeholders}}`, () => {
      const bundle = load(lng);
      expect(base(bundle)).to.deep.equal(base(en));
      for (const [key, value] of bundle) {
        expect(value.trim(), key).to.not.equal('');
        const vars = (s: string) => [...new Set(s.match(/\{\{\s*\w+\s*\}\}/g) ?? [])].filter((v) => !(PLURAL.test(key) && /count/.test(v))).sort();
        expect(vars(value), key).to.deep.equal(vars(sourceOf(key)));
      }
    });
  }

  for (const lng of REGIONAL_VARIANTS) {
    it(`${lng}: only overrides keys that exist in English`, () => {
      for (const key of load(lng).keys()) expect(en.has(key) || en.has(key.replace(PLURAL, '_other')), key).to.equal(true);
    });
  }

  it('every literal t() key used in player/src exists in English', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'player', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).to.be.greaterThan(5);
    const missing = [...used].filter((k) => !en.has(k) && !en.has(`${k}_other`));
    expect(missing).to.deep.equal([]);
  });
});
