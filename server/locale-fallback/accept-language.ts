// A bounded, forgiving Accept-Language parser (RFC 9110 §12.5.4). Garbage entries are skipped,
// oversized headers are cut, nothing throws: the header is attacker-controlled input.

export interface LanguageRange {
  tag: string;
  q: number;
}

export interface AcceptLanguageLimits {
  /** Characters of the header considered (default 1024). */
  maxLength?: number;
  /** Entries kept, best first (default 12). */
  maxEntries?: number;
}

const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const QVALUE = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

export function parseAcceptLanguage(header: unknown, limits: AcceptLanguageLimits = {}): LanguageRange[] {
  const maxLength = limits.maxLength ?? 1024;
  const maxEntries = limits.maxEntries ?? 12;
  const raw: unknown = Array.isArray(header) ? header.join(',') : header;
  if (typeof raw !== 'string' || raw.length === 0) return [];
  let h = raw;
  if (h.length > maxLength) {
    h = h.slice(0, maxLength);
    const cut = h.lastIndexOf(',');
    h = cut >= 0 ? h.slice(0, cut) : ''; // the last entry may be truncated: drop it
  }
  const out: (LanguageRange & { i: number })[] = [];
  const entries = h.split(',');
  for (let i = 0; i < entries.length && i < maxEntries * 4; i++) {
    const [rawTag, ...params] = entries[i]!.split(';');
    const tag = rawTag!.trim();
    if (!RANGE.test(tag) || tag === '*') continue;
    let q = 1;
    let ok = true;
    for (const p of params) {
      const m = QVALUE.exec(p.trim());
      if (m) q = Number(m[1]);
      else if (/^q=/i.test(p.trim())) ok = false; // malformed weight: ignore the entry
    }
    if (!ok || q <= 0) continue;
    out.push({ tag, q, i });
  }
  out.sort((a, b) => b.q - a.q || a.i - b.i);
  return out.slice(0, maxEntries).map(({ tag, q }) => ({ tag, q }));
}
