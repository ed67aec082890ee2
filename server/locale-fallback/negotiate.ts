// Per-request locale negotiation and per-item localization choice.
// Order: ?lang= → cookie → Accept-Language (by q) → the region's default locale → English.
// Each candidate contributes its CLDR fallback chain; the merged chain drives both the UI
// locale (from `available`) and the choice of each programme's localization.
import { parseAcceptLanguage, type AcceptLanguageLimits } from './accept-language.js';
import { fallbackChain, isMultiScript, localeKey } from './locale-key.js';

export type LocaleSource = 'query' | 'cookie' | 'accept-language' | 'region' | 'default';

export interface NegotiateInput {
  query?: unknown;
  cookie?: unknown;
  acceptLanguage?: unknown;
  /** The region's default locale (RegionTable.profile(region).defaultLocale) or a region object carrying it. */
  region?: string | { defaultLocale: string } | null;
  /** Locales the caller can serve (UI translations, or a programme's localizations). */
  available: readonly string[];
  /** Last resort, default "en". */
  defaultLocale?: string;
  limits?: AcceptLanguageLimits;
}

export interface Negotiated {
  /** The chosen tag, spelled as in `available` (the default locale when nothing matched). */
  locale: string;
  /** Merged fallback chain of every candidate, in key form, best first; always ends with the default. */
  chain: string[];
  /** True when `locale` is not what the first candidate asked for. */
  fallback: boolean;
  /** Where the winning candidate came from. */
  source: LocaleSource;
}

interface Candidate {
  tag: unknown;
  source: LocaleSource;
}

function firstValue(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the ordered candidate chains; invalid candidates are dropped silently. */
function candidates(input: NegotiateInput, keyer: (t: unknown) => string | null): { chain: string; source: LocaleSource }[] {
  const list: Candidate[] = [
    { tag: firstValue(input.query), source: 'query' },
    { tag: input.cookie, source: 'cookie' },
    ...parseAcceptLanguage(input.acceptLanguage, input.limits).map((r) => ({ tag: r.tag, source: 'accept-language' as const })),
    { tag: typeof input.region === 'string' ? input.region : input.region?.defaultLocale, source: 'region' },
    { tag: input.defaultLocale ?? 'en', source: 'default' },
  ];
  const out: { chain: string; source: LocaleSource }[] = [];
  const seen = new Set<string>();
  // Browsers append the bare language after a regional tag ("zh-HK,zh;q=0.9"). For a language
  // whose script matters, that bare "zh" inherits the script already chosen ("zh-Hant"), so a
  // Traditional reader is not handed Simplified text because of their browser's habit.
  const scriptOf = new Map<string, string>();
  for (const c of list) {
    let tag = c.tag;
    if (typeof tag === 'string' && /^[A-Za-z]{2,3}$/.test(tag) && isMultiScript(tag.toLowerCase())) {
      const s = scriptOf.get(tag.toLowerCase());
      if (s) tag = `${tag.toLowerCase()}-${s}`;
    }
    const ch = fallbackChain(tag, keyer);
    const [lang, script] = ch[0]?.split('-') ?? [];
    if (lang && script && /^[A-Z][a-z]{3}$/.test(script) && !scriptOf.has(lang)) scriptOf.set(lang, script);
    for (const k of ch) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ chain: k, source: c.source });
    }
  }
  return out;
}

export function negotiate(input: NegotiateInput, keyer: (t: unknown) => string | null = localeKey): Negotiated {
  const merged = candidates(input, keyer);
  const chain = merged.map((m) => m.chain);
  const availableByKey = new Map<string, string>();
  for (const a of input.available) {
    const k = keyer(a);
    if (k && !availableByKey.has(k)) availableByKey.set(k, a);
  }
  for (let i = 0; i < merged.length; i++) {
    const hit = availableByKey.get(merged[i]!.chain);
    if (hit !== undefined) return { locale: hit, chain, fallback: i > 0, source: merged[i]!.source };
  }
  const fallbackLocale = input.defaultLocale ?? 'en';
  return { locale: fallbackLocale, chain, fallback: true, source: 'default' };
}

export interface Chosen<T> {
  /** The localization's own key (as stored). */
  locale: string;
  value: T;
  /** True unless it is the chain's first entry. */
  fallback: boolean;
}

export interface ChooseOptions {
  /** When nothing in the chain matches, serve the first localization anyway (fallback: true). Default true. */
  lastResort?: boolean;
  keyer?: (t: unknown) => string | null;
}

/**
 * The best localization of one item for a negotiated chain. `localizations` maps stored locale
 * tags (any spelling: "zh-HK" matches chain entry "zh-Hant-HK") to values.
 */
export function chooseLocalization<T>(
  chain: readonly string[],
  localizations: Readonly<Record<string, T>> | ReadonlyMap<string, T>,
  opts: ChooseOptions = {},
): Chosen<T> | null {
  const keyer = opts.keyer ?? localeKey;
  const entries: [string, T][] = localizations instanceof Map ? [...localizations.entries()] : Object.entries(localizations);
  if (entries.length === 0) return null;
  const byKey = new Map<string, [string, T]>();
  for (const e of entries) {
    const k = keyer(e[0]);
    if (k && !byKey.has(k)) byKey.set(k, e);
  }
  for (let i = 0; i < chain.length; i++) {
    const hit = byKey.get(chain[i]!);
    if (hit) return { locale: hit[0], value: hit[1], fallback: i > 0 };
  }
  if (opts.lastResort === false) return null;
  const [locale, value] = entries[0]!;
  return { locale, value, fallback: true };
}

/** Content-Language and Vary for a negotiated response (add the CDN country header to Vary yourself if used). */
export function localeHeaders(n: Pick<Negotiated, 'locale'>, extraVary: readonly string[] = []): Record<string, string> {
  return { 'Content-Language': n.locale, Vary: ['Accept-Language', 'Cookie', ...extraVary].join(', ') };
}
