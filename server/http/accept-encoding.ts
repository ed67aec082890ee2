// Which content codings a request's Accept-Encoding allows (RFC 9110 §12.5.3), for answers the
// server holds already encoded (the player's precompressed files: precompressed.ts; playlists:
// playlist-gzip.ts). Answers compressed on the fly negotiate inside the compression middleware
// (middleware/compress.ts).

/**
 * The codings of `offered` the header accepts, best first: by its q values, ties in the order of
 * `offered` (the server's preference). A coding is accepted when named with q above 0, or through
 * `*` above 0 when not named; q=0 refuses it; `x-gzip` is gzip. A coding the client weighs below
 * an explicit `identity` is left out: it asked for the bytes as they are first. No header: none
 * (RFC 9110 would allow any, but a client that sends none may decode nothing, and caches agree).
 */
export function acceptedCodings<C extends string>(header: string | string[] | undefined, offered: readonly C[]): C[] {
  if (header === undefined) return [];
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    // A malformed weight refuses the coding rather than guessing it.
    const weight = q === undefined ? 1 : /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(q.slice(2)) ? Number(q.slice(2)) : 0;
    weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  const identity = weights.get('identity') ?? 0;
  return offered
    .map((coding, order) => ({ coding, order, q: weights.get(coding) ?? weights.get('*') ?? 0 }))
    .filter((c) => c.q > 0 && c.q >= identity)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((c) => c.coding);
}
