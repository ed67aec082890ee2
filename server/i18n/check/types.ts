// Shared shapes of the i18n checker: what a check reads (a loaded locales folder) and what it
// reports (findings naming file, key and the fix).

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** Short id of the check that produced it: json, missing, usage, placeholders … */
  check: string;
  /** Path of the file, relative to the folder being checked when possible. */
  file: string;
  key?: string;
  /** line:column inside file, when known (invalid JSON). */
  position?: string;
  message: string;
  /** What to do about it, in one sentence. */
  fix: string;
}

/** Flat view of one namespace file: dotted key → string value. */
export type FlatStrings = Map<string, string>;

/** Metadata declared beside a source string in English as `"@key": { … }`. */
export interface KeyMeta {
  /** Longest text the UI can show, in user-perceived characters (graphemes), tags not counted. */
  maxLength?: number;
  /** Context for translators: where the string appears, what it means. */
  note?: string;
  /** The value may be identical to English in every locale (e.g. a brand name). */
  untranslated?: boolean;
}

export interface NamespaceFile {
  locale: string;
  namespace: string;
  /** Absolute path. */
  path: string;
  /** Path shown in findings. */
  display: string;
  strings: FlatStrings;
  /** Dotted key of the described string → meta (English only). */
  meta: Map<string, KeyMeta>;
}

export interface LoadedLocales {
  dir: string;
  /** Locale folders found, English first. */
  locales: string[];
  /** locale → namespace → file (only files that parsed). */
  files: Map<string, Map<string, NamespaceFile>>;
  /** Words that may stay identical to English (brand names), from <dir>/untranslated-allowlist.json. */
  allowlist: Set<string>;
}

export interface CheckContext {
  loaded: LoadedLocales;
  sourceLocale: string;
}

export interface Coverage {
  locale: string;
  /** Source units (a plural group counts once) present in the locale's own files. */
  own: number;
  /** Covered by the locale or a locale before English in its fallback chain. */
  effective: number;
  total: number;
  chain: string[];
}
