// Reading and writing i18next v4 JSON resources: flatten nested objects to dotted keys,
// rebuild them, order keys stably (CLDR plural order after the base key, `@key` meta right
// after its key) and report invalid JSON with line:column. Used by the checker, the XLIFF
// interchange and the translation store alike.

export const PLURAL_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_ORDER)[number];

const PLURAL_SUFFIX = /^(.*?)(_ordinal)?_(zero|one|two|few|many|other)$/;

/** `medals_few` → { base: 'medals', category: 'few', ordinal: false }; null for a plain key. */
export function splitPlural(key: string): { base: string; category: PluralCategory; ordinal: boolean } | null {
  const m = PLURAL_SUFFIX.exec(key);
  if (!m || !m[1]) return null;
  return { base: m[1], category: m[3] as PluralCategory, ordinal: Boolean(m[2]) };
}

export function isMetaKey(segment: string): boolean {
  return segment.startsWith('@');
}

export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}

/** JSON.parse with the error's position turned into 1-based line and column. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: ParseFailure } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const m = /at position (\d+)/.exec(message);
    let offset = m ? Number(m[1]) : text.length;
    if (!m && /Unexpected end of JSON input/.test(message)) offset = text.length;
    const before = text.slice(0, offset).split('\n');
    return {
      ok: false,
      error: {
        message: message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, ''),
        line: before.length,
        column: (before[before.length - 1] ?? '').length + 1,
      },
    };
  }
}

/**
 * Keys that appear twice in one object of a valid JSON text (JSON.parse silently keeps the
 * last, so an earlier translation is lost without a trace), with their 1-based line:column.
 */
export function duplicateKeys(text: string): Array<{ path: string; line: number; column: number }> {
  const out: Array<{ path: string; line: number; column: number }> = [];
  const stack: Array<{ keys: Set<string>; array: boolean; path: string }> = [];
  let lastKey = '';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
    } else if (ch === '{' || ch === '[') {
      const top = stack[stack.length - 1];
      const path = top ? (top.array ? top.path : (top.path ? top.path + '.' : '') + lastKey) : '';
      stack.push({ keys: new Set(), array: ch === '[', path });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === '"') {
      const start = i;
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const raw = text.slice(start, j + 1);
      i = j;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k]!)) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top && !top.array) {
        const key = JSON.parse(raw) as string;
        if (top.keys.has(key)) out.push({ path: (top.path ? top.path + '.' : '') + key, line, column: start - lineStart + 1 });
        top.keys.add(key);
        lastKey = key;
      }
    }
  }
  return out;
}

export interface Flattened {
  strings: Map<string, string>;
  /** `@key` entries: dotted key of the described string → raw meta value. */
  meta: Map<string, unknown>;
  /** Values that are neither a string nor an object (numbers, arrays, null). */
  invalid: Map<string, unknown>;
}

export function flatten(value: unknown, prefix = '', out?: Flattened): Flattened {
  const acc = out ?? { strings: new Map(), meta: new Map(), invalid: new Map() };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    acc.invalid.set(prefix || '(root)', value);
    return acc;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isMetaKey(k)) {
      acc.meta.set(prefix + k.slice(1), v);
      continue;
    }
    const key = prefix + k;
    if (typeof v === 'string') acc.strings.set(key, v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key + '.', acc);
    else acc.invalid.set(key, v);
  }
  return acc;
}

type Tree = { [k: string]: string | Tree | unknown };

/** Dotted keys back to nested objects; meta goes beside its key as `@last.segment`. */
export function unflatten(strings: Map<string, string>, meta: Map<string, unknown> = new Map()): Tree {
  const root: Tree = {};
  const place = (key: string, value: unknown, isMeta: boolean): void => {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined || typeof next !== 'object') node[part] = {};
      node = node[part] as Tree;
    }
    const last = parts[parts.length - 1] as string;
    node[isMeta ? '@' + last : last] = value;
  };
  for (const [k, v] of strings) place(k, v, false);
  for (const [k, v] of meta) place(k, v, true);
  return sortTree(root);
}

function sortKey(key: string): [string, number, number] {
  const meta = isMetaKey(key);
  const bare = meta ? key.slice(1) : key;
  const plural = splitPlural(bare);
  if (plural) return [plural.base + (plural.ordinal ? '_ordinal' : ''), 1 + PLURAL_ORDER.indexOf(plural.category), 0];
  return [bare, 0, meta ? 1 : 0];
}

/** Stable order: by base key (code point order), then the key itself, its meta, then its plural forms in CLDR order. */
export function compareKeys(a: string, b: string): number {
  const [ab, ap, am] = sortKey(a);
  const [bb, bp, bm] = sortKey(b);
  if (ab !== bb) return ab < bb ? -1 : 1;
  return ap - bp || am - bm;
}

export function sortTree(value: unknown): Tree {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value as Tree;
  const out: Tree = {};
  const keys = Object.keys(value as Tree).sort(compareKeys);
  for (const k of keys) {
    const v = (value as Tree)[k];
    out[k] = isMetaKey(k) ? v : sortTree(v);
  }
  return out;
}

/** The one on-disk format: two-space indent, stable key order, trailing newline. */
export function serialize(tree: unknown): string {
  return JSON.stringify(sortTree(tree), null, 2) + '\n';
}

/** Removes every `@key` meta entry, so a runtime (i18next) never holds or shows it. */
export function stripMeta<T>(tree: T): T {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return tree;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) if (!isMetaKey(k)) out[k] = stripMeta(v);
  return out as T;
}
