// Keys used in code versus keys in English. Keys are extracted from source files:
//   - literal calls of a function named t: t(<q>key<q>) or t(<q>ns:key<q>), any quote, also
//     i18next.t(…) and obj.t(…), and obj.t(locale, <q>key<q>) where the locale comes first (the
//     server's messages.t); a key without a namespace belongs to the root's namespace
//     (player/src → player, server → server);
//   - for keys built at run time, a line comment beside the code made of the marker i18n-key,
//     a colon and the key (ns:key or key); i18n-keys takes several, separated by commas;
//   - $t(key) nesting inside English strings.
// A t() call names the base of a plural or context group: t(<q>medals<q>, { count }) uses
// medals_one, medals_other …
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckContext, Finding } from './types.js';
import { sourceKeysOf, sourceUnits } from './source-units.js';

export interface SourceRoot {
  dir: string;
  namespace: string;
}

export interface KeyUse {
  namespace: string;
  key: string;
  file: string;
  line: number;
}

const CALL = /(?<![\w$])t\(\s*(['"`])([^'"`$\n\\]+)\1/g;
/** A method t(locale, key …) that takes the locale first, as the server's messages.t does. */
const LOCALE_FIRST_CALL = /\.t\(\s*[\w$.]+\s*,\s*(['"`])([^'"`$\n\\]+)\1/g;
const COMMENT = /\/\/\s*i18n-keys?:[ \t]*([^\n]+)/g;
const KEY = /^[\w-]+(?::[\w.-]+)?(?:\.[\w-]+)*$/;
const NEST = /\$t\(\s*([^,)\s]+)/g;

function walk(dir: string, out: string[], skip: ReadonlySet<string> = new Set()): string[] {
  if (skip.has(path.resolve(dir))) return out;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out, skip);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function qualify(raw: string, defaultNs: string): { namespace: string; key: string } {
  const i = raw.indexOf(':');
  return i > 0 ? { namespace: raw.slice(0, i), key: raw.slice(i + 1) } : { namespace: defaultNs, key: raw };
}

export function extractKeys(text: string, defaultNs: string, file: string): KeyUse[] {
  const uses: KeyUse[] = [];
  const lineAt = (index: number): number => text.slice(0, index).split('\n').length;
  for (const re of [CALL, LOCALE_FIRST_CALL]) {
    for (const m of text.matchAll(re)) uses.push({ ...qualify(m[2]!.trim(), defaultNs), file, line: lineAt(m.index!) });
  }
  for (const m of text.matchAll(COMMENT)) {
    for (const raw of m[1]!.split(',').map((s) => s.trim())) {
      if (KEY.test(raw)) uses.push({ ...qualify(raw, defaultNs), file, line: lineAt(m.index!) });
    }
  }
  return uses;
}

/**
 * Keys used under each root. A root inside another (server/studio/client inside server) owns its
 * files: they belong to its namespace only, not to the outer root's too.
 */
export function extractFromRoots(roots: SourceRoot[]): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const root of roots) {
    const outer = path.resolve(root.dir);
    const inner = new Set(roots.map((r) => path.resolve(r.dir)).filter((d) => d !== outer && d.startsWith(outer + path.sep)));
    for (const file of walk(root.dir, [], inner)) {
      uses.push(...extractKeys(readFileSync(file, 'utf8'), root.namespace, path.relative(process.cwd(), file) || file));
    }
  }
  return uses;
}

/** Whether the English key `key` is what a use of `used` resolves to (exact, plural or context form). */
function covers(used: string, key: string): boolean {
  return key === used || key.startsWith(used + '_');
}

export function checkUsage(ctx: CheckContext, roots: SourceRoot[]): Finding[] {
  const { loaded, sourceLocale } = ctx;
  const findings: Finding[] = [];
  const sources = loaded.files.get(sourceLocale) ?? new Map();
  const uses = extractFromRoots(roots);
  for (const source of sources.values()) {
    for (const value of source.strings.values()) {
      for (const m of value.matchAll(NEST)) uses.push({ ...qualify(m[1]!, source.namespace), file: source.display, line: 0 });
    }
  }
  for (const use of uses) {
    const source = sources.get(use.namespace);
    const where = use.line > 0 ? `${use.file}:${use.line}` : use.file;
    if (!source) {
      findings.push({ severity: 'error', check: 'usage', file: where, key: `${use.namespace}:${use.key}`, message: `namespace "${use.namespace}" has no ${sourceLocale} file`, fix: `add ${sourceLocale}/${use.namespace}.json or correct the namespace` });
      continue;
    }
    if (![...source.strings.keys()].some((k) => covers(use.key, k))) {
      findings.push({ severity: 'error', check: 'usage', file: where, key: `${use.namespace}:${use.key}`, message: `used in code but missing from ${source.display}`, fix: `add "${use.key}" to ${source.display}, or correct the key in the code` });
    }
  }
  if (roots.length === 0) return findings;
  const usedNs = new Map<string, string[]>();
  for (const use of uses) usedNs.set(use.namespace, [...(usedNs.get(use.namespace) ?? []), use.key]);
  for (const source of sources.values()) {
    const used = usedNs.get(source.namespace) ?? [];
    for (const unit of sourceUnits(source)) {
      const key = unit.base;
      if (sourceKeysOf(unit, source).some((k) => used.some((u) => covers(u, k)))) continue;
      findings.push({ severity: 'warning', check: 'usage', file: source.display, key, message: 'no code uses this key', fix: `delete it from every locale, or if it is built at run time add a comment "i18n-key: ${source.namespace}:${key}" beside the code` });
    }
  }
  return findings;
}
