// Every UI string exists in every shipped language, and every t('…') key used in player/src
// exists in English (the source language).
import { expect } from 'chai';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LANGUAGES } from '../../../player/src/core/language.js';

const root = path.resolve(import.meta.dirname, '../../..');

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
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

  for (const lng of SUPPORTED_LANGUAGES) {
    it(`${lng}: same keys as English, no empty strings, same {{placeholders}}`, () => {
      const bundle = load(lng);
      expect([...bundle.keys()].sort()).to.deep.equal([...en.keys()].sort());
      for (const [key, value] of bundle) {
        expect(value.trim(), key).to.not.equal('');
        const vars = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
        expect(vars(value), key).to.deep.equal(vars(en.get(key)!));
      }
    });
  }

  it('every literal t() key used in player/src exists in English', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'player', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).to.be.greaterThan(5);
    const missing = [...used].filter((k) => !en.has(k));
    expect(missing).to.deep.equal([]);
  });
});
