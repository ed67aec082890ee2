// XLIFF 2.0 export and import per locale, for teams working in Weblate, Crowdin or a CAT tool.
//
//   npm run i18n:export -- <locale> [<out.xlf>] [--locales <dir>]
//   npm run i18n:import -- <in.xlf> [--locales <dir>]
//
// Mapping (one <file> per namespace, one <unit> per key):
//   - unit id and name = the i18next key (dotted);
//   - plurals: XLIFF 2.0 has no plural construct, so each CLDR category the target locale needs is
//     its own unit (`medals_few`), with the English form of the same category, else `_other`, as
//     source, and a note category="plural" naming the category and an example number;
//   - placeholders ({{var}}, $t(…), HTML tags) are inline codes <ph id dataRef/> whose original
//     text sits in <originalData>, so tools protect them and import restores them byte for byte;
//   - context: the English `@key` note (category="description"), the length limit
//     (category="maxLength") and the code locations that use the key (category="location").
// Import writes only targets of units whose key belongs to the English source.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { loadLocales } from './check/load.js';
import { pluralExamples, requiredKeys, sourceKeysOf, sourceUnits, sourceStringFor } from './check/source-units.js';
import { parseJson, flatten, splitPlural, unflatten, serialize } from './check/resources.js';
import { extractFromRoots, type KeyUse, type SourceRoot } from './check/usage.js';
import { sourceRoots } from './check/roots.js';
import { writeFileAtomic } from './translation-store.js';

export interface XliffNote {
  category: string;
  text: string;
}

export interface XliffUnit {
  id: string;
  notes: XliffNote[];
  source: string;
  target?: string;
}

export interface XliffDocument {
  srcLang: string;
  trgLang: string;
  files: Array<{ id: string; units: XliffUnit[] }>;
}

const INLINE = /\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[a-zA-Z][^<>]*>/g;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text with placeholders turned into <ph/> codes. Every occurrence gets its own id (unique within
 * the unit); equal placeholder text shares one <data> entry. The target reuses the id of the
 * matching source occurrence, as XLIFF 2.0 expects of corresponding codes.
 */
function inline(text: string, data: Map<string, string>, ids: Array<{ id: number; value: string; used: boolean }>, isSource: boolean): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += esc(text.slice(last, m.index));
    let ref = [...data].find(([, v]) => v === m[0])?.[0];
    if (!ref) data.set((ref = `d${data.size + 1}`), m[0]);
    let id: number;
    const match = isSource ? undefined : ids.find((x) => x.value === m[0] && !x.used);
    if (match) {
      match.used = true;
      id = match.id;
    } else {
      id = ids.length + 1;
      ids.push({ id, value: m[0], used: !isSource });
    }
    out += `<ph id="${id}" dataRef="${ref}"/>`;
    last = m.index! + m[0].length;
  }
  return out + esc(text.slice(last));
}

export function buildXliff(doc: XliffDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${esc(doc.srcLang)}" trgLang="${esc(doc.trgLang)}">`,
  ];
  for (const file of doc.files) {
    lines.push(`  <file id="${esc(file.id)}" original="${esc(file.id)}.json">`);
    for (const unit of file.units) {
      const data = new Map<string, string>();
      const ids: Array<{ id: number; value: string; used: boolean }> = [];
      const source = inline(unit.source, data, ids, true);
      const target = unit.target === undefined ? undefined : inline(unit.target, data, ids, false);
      lines.push(`    <unit id="${esc(unit.id)}" name="${esc(unit.id)}">`);
      if (unit.notes.length > 0) {
        lines.push('      <notes>');
        for (const n of unit.notes) lines.push(`        <note category="${esc(n.category)}">${esc(n.text)}</note>`);
        lines.push('      </notes>');
      }
      if (data.size > 0) {
        lines.push('      <originalData>');
        for (const [id, v] of data) lines.push(`        <data id="${id}">${esc(v)}</data>`);
        lines.push('      </originalData>');
      }
      lines.push(`      <segment${unit.target === undefined ? '' : ' state="translated"'}>`);
      lines.push(`        <source>${source}</source>`);
      if (target !== undefined) lines.push(`        <target>${target}</target>`);
      lines.push('      </segment>', '    </unit>');
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

export interface ExportOptions {
  localesDir: string;
  locale: string;
  sourceLocale?: string;
  /** Where to find code locations for the location notes; none when omitted. */
  sourceRoots?: SourceRoot[];
}

export function exportLocale(options: ExportOptions): XliffDocument {
  const sourceLocale = options.sourceLocale ?? 'en';
  const { loaded } = loadLocales(options.localesDir, sourceLocale);
  const uses: KeyUse[] = options.sourceRoots ? extractFromRoots(options.sourceRoots) : [];
  const examples = pluralExamples(options.locale);
  const doc: XliffDocument = { srcLang: sourceLocale, trgLang: options.locale, files: [] };
  for (const [ns, source] of loaded.files.get(sourceLocale) ?? []) {
    const target = loaded.files.get(options.locale)?.get(ns);
    const units: XliffUnit[] = [];
    for (const unit of sourceUnits(source)) {
      const meta = source.meta.get(unit.base);
      const common: XliffNote[] = [];
      if (meta?.note) common.push({ category: 'description', text: meta.note });
      if (meta?.maxLength) common.push({ category: 'maxLength', text: String(meta.maxLength) });
      for (const u of uses) {
        if (u.namespace === ns && (u.key === unit.base || sourceKeysOf(unit, source).includes(u.key))) common.push({ category: 'location', text: `${u.file}:${u.line}` });
      }
      for (const key of requiredKeys(unit, options.locale)) {
        const notes = [...common];
        const p = unit.plural === 'none' ? null : splitPlural(key);
        if (p) notes.push({ category: 'plural', text: unit.plural === 'ordinal' ? `ordinal ${p.category}` : `${p.category} (e.g. ${examples.get(p.category)})` });
        units.push({ id: key, notes, source: sourceStringFor(key, source) ?? '', target: target?.strings.get(key) });
      }
    }
    doc.files.push({ id: ns, units });
  }
  return doc;
}

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

function nameOf(node: XNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}
function children(node: XNode): XNode[] {
  return (node[nameOf(node)] as XNode[]) ?? [];
}
function child(node: XNode, name: string): XNode | undefined {
  return children(node).find((c) => nameOf(c) === name);
}
function all(node: XNode, name: string): XNode[] {
  return children(node).filter((c) => nameOf(c) === name);
}
function text(node: XNode, data: Map<string, string>): string {
  let out = '';
  for (const c of children(node)) {
    const name = nameOf(c);
    if (name === '#text') out += String(c['#text']);
    else if (name === 'ph') {
      const ref = c[':@']?.dataRef;
      const value = ref ? data.get(ref) : undefined;
      if (value === undefined) throw new Error(`XLIFF <ph id="${c[':@']?.id}"> refers to unknown data "${ref}"`);
      out += value;
    } else throw new Error(`XLIFF inline element <${name}> is not supported (only <ph dataRef>)`);
  }
  return out;
}

export function parseXliff(xml: string): XliffDocument {
  const root = (parser.parse(xml) as XNode[]).find((n) => nameOf(n) === 'xliff');
  if (!root) throw new Error('not an XLIFF document: no <xliff> element');
  const attrs = root[':@'] ?? {};
  if (attrs.version !== '2.0') throw new Error(`XLIFF version ${attrs.version ?? '(none)'}; only 2.0 is supported`);
  const doc: XliffDocument = { srcLang: attrs.srcLang ?? '', trgLang: attrs.trgLang ?? '', files: [] };
  for (const file of all(root, 'file')) {
    const units: XliffUnit[] = [];
    for (const unit of all(file, 'unit')) {
      const data = new Map<string, string>();
      const od = child(unit, 'originalData');
      for (const d of od ? all(od, 'data') : []) data.set(d[':@']?.id ?? '', children(d).map((c) => String(c['#text'] ?? '')).join(''));
      const notesNode = child(unit, 'notes');
      const notes = (notesNode ? all(notesNode, 'note') : []).map((n) => ({ category: n[':@']?.category ?? '', text: text(n, data) }));
      const segments = all(unit, 'segment');
      const source = segments.map((s) => (child(s, 'source') ? text(child(s, 'source')!, data) : '')).join('');
      const targets = segments.map((s) => child(s, 'target')).filter((t): t is XNode => t !== undefined);
      units.push({ id: unit[':@']?.id ?? '', notes, source, target: targets.length > 0 ? targets.map((t) => text(t, data)).join('') : undefined });
    }
    doc.files.push({ id: file[':@']?.id ?? '', units });
  }
  return doc;
}

export interface ImportResult {
  locale: string;
  written: Array<{ file: string; keys: number }>;
  skipped: string[];
}

/** Writes the targets of `doc` into `<localesDir>/<trgLang>/<ns>.json`, keeping keys it does not carry. */
export function importXliff(doc: XliffDocument, localesDir: string, sourceLocale = 'en'): ImportResult {
  const locale = doc.trgLang;
  if (!locale || locale === sourceLocale || Intl.getCanonicalLocales(locale)[0] !== locale) throw new Error(`XLIFF trgLang "${locale}" is not a target locale`);
  const { loaded } = loadLocales(localesDir, sourceLocale);
  const result: ImportResult = { locale, written: [], skipped: [] };
  for (const file of doc.files) {
    const source = loaded.files.get(sourceLocale)?.get(file.id);
    if (!source) {
      result.skipped.push(`${file.id} (no ${sourceLocale} file)`);
      continue;
    }
    const filePath = path.join(localesDir, locale, `${file.id}.json`);
    let strings = new Map<string, string>();
    if (existsSync(filePath)) {
      const parsed = parseJson(readFileSync(filePath, 'utf8'));
      if (!parsed.ok) throw new Error(`${filePath}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
      strings = flatten(parsed.value).strings;
    }
    let keys = 0;
    for (const unit of file.units) {
      if (unit.target === undefined || unit.target === '') continue;
      if (sourceStringFor(unit.id, source) === undefined) {
        result.skipped.push(`${file.id}:${unit.id}`);
        continue;
      }
      strings.set(unit.id, unit.target);
      keys++;
    }
    mkdirSync(path.dirname(filePath), { recursive: true });
    writeFileAtomic(filePath, serialize(unflatten(strings)));
    result.written.push({ file: filePath, keys });
  }
  return result;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  let localesDir = 'locales';
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--locales') localesDir = rest[++i] ?? localesDir;
    else positional.push(rest[i]!);
  }
  if (command === 'export' && positional[0]) {
    const xml = buildXliff(exportLocale({ localesDir, locale: positional[0], sourceRoots: sourceRoots() }));
    if (positional[1]) writeFileSync(positional[1], xml);
    else process.stdout.write(xml);
  } else if (command === 'import' && positional[0]) {
    const result = importXliff(parseXliff(readFileSync(positional[0], 'utf8')), localesDir);
    for (const w of result.written) console.log(`${w.file}: ${w.keys} key(s)`);
    for (const s of result.skipped) console.log(`skipped ${s}: not in the English source`);
    console.log('run npm run i18n:check to check the imported strings');
  } else {
    console.error('usage: npm run i18n:export -- <locale> [<out.xlf>] [--locales <dir>]\n       npm run i18n:import -- <in.xlf> [--locales <dir>]');
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
