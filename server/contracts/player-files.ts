// How the player's build lays out player/dist (player/build.ts, player/precompress.ts) for the
// server that serves it (server/http/routes/player.ts, server/http/precompressed.ts). Literal
// types, as the first frame's ids are: each side spells its constant with the contract's type,
// so tsc refuses a rename made on one side only.

/**
 * The folder of esbuild's chunks, named `<name>-<HASH>.js` from their content: a name there never
 * changes bytes, so the server lets browsers and CDNs keep those files for ever.
 */
export type PlayerChunkDir = 'chunks';

/** The content codings the build writes copies in, and each copy's suffix (`app.js` → `app.js.br`). */
export interface PrecompressedSuffixes {
  br: '.br';
  gzip: '.gz';
}
export type PrecompressedCoding = keyof PrecompressedSuffixes;
