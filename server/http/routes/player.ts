// The built player (player/dist) with SPA fallback for its routes. The translation bundles
// (/locales/<lng>/<ns>.json) are served by routes/translations.ts (bundleRoutes).
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { ApiError } from '../errors.js';

const SPA_ROUTES = ['/', '/watch/:id', '/channel/:id'];

export function playerRoutes(playerDir: string): Router {
  const router = Router();
  const index = path.join(playerDir, 'index.html');
  router.get(SPA_ROUTES, (_req, res) => {
    if (!fs.existsSync(index)) throw new ApiError('not_found', 'the player is not built: run `npm run build:player`');
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  router.use(express.static(playerDir, { index: false, dotfiles: 'ignore', fallthrough: true, maxAge: '5m' }));
  return router;
}
