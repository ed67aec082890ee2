// Loads a locales folder (`<dir>/<locale>/<namespace>.json`) for the checks. Files that do not
// parse are reported (file:line:column) and left out, so the other checks still run.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding, KeyMeta, LoadedLocales, NamespaceFile } from './types.js';
import { duplicateKeys, flatten, parseJson } from './resources.js';

export const ALLOWLIST_FILE = 'untranslated-allowlist.json';

export function loadLocales(dir: string, sourceLocale = 'en'): { loaded: LoadedLocales; findings: Finding[] } {
  const findings: Finding[] = [];
  const rel = (p: string): string => path.relative(process.cwd(), p) || p;
  const folders = readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(path.join(dir, name)).isDirectory())
    .sort((a, b) => (a === sourceLocale ? -1 : b === sourceLocale ? 1 : a.localeCompare(b)));
  const files = new Map<string, Map<string, NamespaceFile>>();
  for (const locale of folders) {
    const byNs = new Map<string, NamespaceFile>();
    files.set(locale, byNs);
    for (const name of readdirSync(path.join(dir, locale)).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, locale, name);
      const display = rel(file);
      const text = readFileSync(file, 'utf8');
      const parsed = parseJson(text);
      if (!parsed.ok) {
        findings.push({
          severity: 'error',
          check: 'json',
          file: display,
          position: `${parsed.error.line}:${parsed.error.column}`,
          message: `invalid JSON: ${parsed.error.message}`,
          fix: 'correct the syntax at that position (no trailing commas or comments, keys and strings in double quotes)',
        });
        continue;
      }
      for (const dup of duplicateKeys(text)) {
        findings.push({ severity: 'error', check: 'json', file: display, key: dup.path, position: `${dup.line}:${dup.column}`, message: 'key appears twice in the same object; only the last value is used', fix: 'keep one of the two entries' });
      }
      const flat = flatten(parsed.value);
      for (const [key, value] of flat.invalid) {
        findings.push({
          severity: 'error',
          check: 'json',
          file: display,
          key,
          message: `value is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}, not a string or an object of strings`,
          fix: 'make the value a string (plurals are separate keys with _one, _other … suffixes)',
        });
      }
      const meta = new Map<string, KeyMeta>();
      for (const [key, raw] of flat.meta) {
        const problem = validateMeta(raw);
        if (problem) {
          findings.push({ severity: 'error', check: 'meta', file: display, key: '@' + key, message: problem, fix: 'use { "maxLength": <positive integer>, "note": "<text>", "untranslated": true } (all optional)' });
        } else meta.set(key, raw as KeyMeta);
      }
      byNs.set(name.slice(0, -'.json'.length), {
        locale,
        namespace: name.slice(0, -'.json'.length),
        path: file,
        display,
        strings: flat.strings,
        meta,
      });
    }
  }
  const allowlist = new Set<string>();
  const allowFile = path.join(dir, ALLOWLIST_FILE);
  if (existsSync(allowFile)) {
    const parsed = parseJson(readFileSync(allowFile, 'utf8'));
    if (parsed.ok && Array.isArray(parsed.value) && parsed.value.every((v) => typeof v === 'string')) {
      for (const word of parsed.value as string[]) allowlist.add(word);
    } else {
      findings.push({ severity: 'error', check: 'json', file: rel(allowFile), message: 'allowlist is not a JSON array of strings', fix: 'write it as ["Podium", "HLS", …]' });
    }
  }
  return { loaded: { dir: rel(dir), locales: folders, files, allowlist }, findings };
}

function validateMeta(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'meta must be an object';
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'maxLength') {
      if (!Number.isInteger(v) || (v as number) <= 0) return 'maxLength must be a positive integer';
    } else if (k === 'note') {
      if (typeof v !== 'string') return 'note must be a string';
    } else if (k === 'untranslated') {
      if (typeof v !== 'boolean') return 'untranslated must be true or false';
    } else return `unknown meta field "${k}"`;
  }
  return null;
}
