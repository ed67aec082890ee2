// The built player (player/dist) with SPA fallback for its routes, each file in the coding the
// browser accepts from the copies the build wrote (../precompressed.ts). The translation bundles
// (/locales/<lng>/<ns>.json) are served by routes/translations.ts (bundleRoutes).
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { PlayerChunkDir } from '../../contracts/index.js';
import { ApiError } from '../errors.js';
import { precompressedStatic } from '../precompressed.js';

const SPA_ROUTES = ['/', '/watch/:id', '/channel/:id'];
const CHUNK_DIR: PlayerChunkDir = 'chunks';
/** esbuild's `chunks/[name]-[hash]`: its hash is 8 base-32 capitals. Maps and legal notes there keep their names across content changes. */
const HASHED_CHUNK = new RegExp(`^${CHUNK_DIR}/[^/]+-[A-Z0-9]{8}\\.js$`);

/**
 * index.html is revalidated on every visit (it names the entry's chunks); a hashed chunk never
 * changes under its name, so it is kept for ever; the unhashed entry points (app.js, app.css,
 * first-frame.js…) keep their names across builds, so five minutes.
 */
export function playerCacheControl(file: string): string {
  if (file === 'index.html') return 'no-cache';
  if (HASHED_CHUNK.test(file)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=300';
}

export function playerRoutes(playerDir: string): Router {
  const router = Router();
  const index = path.join(playerDir, 'index.html');
  const files = precompressedStatic(playerDir, { cacheControl: playerCacheControl });
  router.get(SPA_ROUTES, (req, res, next) => {
    if (!fs.existsSync(index)) throw new ApiError('not_found', 'the player is not built: run `npm run build:player`');
    req.url = '/index.html';
    files(req, res, next);
  });
  router.use(files);
  return router;
}
