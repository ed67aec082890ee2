// The file-writing core of the translator's editor: reads a locale's namespace file with an
// ETag, saves key changes atomically (temporary file + fsync + rename) in the one stable,
// pretty-printed format, refuses a save made from an older version (If-Match) and returns both
// versions instead, and appends every change to a per-file JSON-lines history.
//
// State is created by createTranslationStore({ localesDir, dataDir }); nothing is read from the
// environment here. Saves to one file are serialised within the process; several server
// processes writing the same file would need a file lock on top (one process writes today).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { flatten, parseJson, serialize, splitPlural, unflatten } from './check/resources.js';

/** Writes `content` to `file` so readers see the old or the new file, never a partial one. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function etagOf(content: string): string {
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
}

export interface NamespaceVersion {
  etag: string;
  /** Dotted key → string, as in the file. */
  strings: Record<string, string>;
  /** The file exactly as stored ('' when it does not exist yet). */
  content: string;
}

export interface SaveRequest {
  locale: string;
  namespace: string;
  /** ETag the editor loaded; the save is refused if the file changed since. */
  ifMatch: string;
  /** Key → new value; null removes the key. */
  changes: Record<string, string | null>;
  author: string;
}

export type SaveResult =
  | { ok: true; version: NamespaceVersion; changed: string[] }
  | {
      ok: false;
      conflict: {
        /** What is on disk now (someone else's save). */
        current: NamespaceVersion;
        /** What this save would have written on top of the version it was made from. */
        mine: Record<string, string | null>;
        /** Keys whose current value differs from the one this save would write. */
        keys: string[];
      };
    };

export interface HistoryEntry {
  at: string;
  author: string;
  locale: string;
  namespace: string;
  key: string;
  old: string | null;
  new: string | null;
  etag: string;
  /** The source (English) string when this value was saved, for "changed since the source changed". */
  source: string | null;
}

export interface TranslationStoreOptions {
  localesDir: string;
  /** Runtime state folder (PODIUM_DATA_DIR); history goes to <dataDir>/i18n-history/<locale>/<ns>.jsonl. */
  dataDir: string;
  /** Locale whose strings the others translate; default 'en'. */
  sourceLocale?: string;
  now?: () => Date;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * A file's strings as a record without a prototype: a key such as `constructor` or `toString` is
 * found only when the file has it, never on Object.prototype.
 */
function stringRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(entries));
}

/** The source string a translated key is made from: the same key, else the plural group's `_other`. */
function sourceFor(key: string, source: Record<string, string>): string | null {
  if (Object.hasOwn(source, key)) return source[key] ?? null;
  const p = splitPlural(key);
  if (!p) return null;
  return source[`${p.base}${p.ordinal ? '_ordinal' : ''}_other`] ?? null;
}

export function createTranslationStore(options: TranslationStoreOptions) {
  const now = options.now ?? (() => new Date());
  const sourceLocale = options.sourceLocale ?? 'en';
  const queues = new Map<string, Promise<unknown>>();

  function filePath(locale: string, namespace: string): string {
    if (!SEGMENT.test(locale) || !SEGMENT.test(namespace)) throw new Error(`invalid locale or namespace: ${locale}/${namespace}`);
    return path.join(options.localesDir, locale, `${namespace}.json`);
  }
  function historyPath(locale: string, namespace: string): string {
    filePath(locale, namespace);
    return path.join(options.dataDir, 'i18n-history', locale, `${namespace}.jsonl`);
  }

  async function read(locale: string, namespace: string): Promise<NamespaceVersion> {
    let content = '';
    try {
      content = await readFile(filePath(locale, namespace), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let strings: Record<string, string> = stringRecord([]);
    if (content !== '') {
      const parsed = parseJson(content);
      if (!parsed.ok) throw new Error(`${filePath(locale, namespace)}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
      strings = stringRecord(flatten(parsed.value).strings);
    }
    return { etag: etagOf(content), strings, content };
  }

  /** Runs fn after every earlier save of the same file has finished. */
  function serialised<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    queues.set(id, next.catch(() => undefined));
    return next;
  }

  async function save(req: SaveRequest): Promise<SaveResult> {
    const file = filePath(req.locale, req.namespace);
    return serialised(file, async () => {
      const current = await read(req.locale, req.namespace);
      if (current.etag !== req.ifMatch) {
        const keys = Object.entries(req.changes)
          .filter(([k, v]) => (current.strings[k] ?? null) !== v)
          .map(([k]) => k);
        return { ok: false, conflict: { current, mine: req.changes, keys } };
      }
      const strings = new Map(Object.entries(current.strings));
      const parsed = current.content ? parseJson(current.content) : null;
      const meta = parsed?.ok ? flatten(parsed.value).meta : new Map<string, unknown>();
      const changed: string[] = [];
      for (const [key, value] of Object.entries(req.changes)) {
        if (!/^[^.@][^@]*$/.test(key) || key.split('.').some((s) => s === '')) throw new Error(`invalid key "${key}"`);
        if ((strings.get(key) ?? null) === value) continue;
        changed.push(key);
        if (value === null) strings.delete(key);
        else strings.set(key, value);
      }
      if (changed.length === 0) return { ok: true, version: current, changed };
      const content = serialize(unflatten(strings, meta));
      await mkdir(path.dirname(file), { recursive: true });
      writeFileAtomic(file, content);
      const version: NamespaceVersion = { etag: etagOf(content), strings: stringRecord(strings), content };
      const at = now().toISOString();
      const source = req.locale === sourceLocale ? version : await read(sourceLocale, req.namespace);
      const lines = changed.map((key) =>
        JSON.stringify({ at, author: req.author, locale: req.locale, namespace: req.namespace, key, old: current.strings[key] ?? null, new: req.changes[key] ?? null, etag: version.etag, source: sourceFor(key, source.strings) } satisfies HistoryEntry),
      );
      const hist = historyPath(req.locale, req.namespace);
      await mkdir(path.dirname(hist), { recursive: true });
      await appendFile(hist, lines.join('\n') + '\n');
      return { ok: true, version, changed };
    });
  }

  /** Earlier values of one key (or of every key), oldest first. */
  async function history(locale: string, namespace: string, key?: string): Promise<HistoryEntry[]> {
    let text = '';
    try {
      text = await readFile(historyPath(locale, namespace), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const entries: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as HistoryEntry;
        if (key === undefined || e.key === key) entries.push(e);
      } catch {
        // a line cut short by a crash mid-append is skipped, the rest stays readable
      }
    }
    return entries;
  }

  /**
   * Keys of a translation whose source string changed after the translation was last saved
   * through the store (the editor's "changed since the source changed" filter). Keys never saved
   * through the store are not reported: there is no record of the source they were made from.
   */
  async function staleKeys(locale: string, namespace: string): Promise<Array<{ key: string; was: string | null; now: string | null }>> {
    const source = await read(sourceLocale, namespace);
    const last = new Map<string, HistoryEntry>();
    for (const e of await history(locale, namespace)) last.set(e.key, e);
    const out: Array<{ key: string; was: string | null; now: string | null }> = [];
    for (const [key, e] of last) {
      if (e.new === null || e.source === undefined) continue;
      const now = sourceFor(key, source.strings);
      if (now !== e.source) out.push({ key, was: e.source, now });
    }
    return out;
  }

  return { read, save, history, staleKeys, filePath };
}

export type TranslationStore = ReturnType<typeof createTranslationStore>;
