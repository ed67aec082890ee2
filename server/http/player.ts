// The built player (player/dist) with SPA fallback for its routes, and the translation files
// (locales/<lng>/<ns>.json) read-only.
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { ApiError } from './errors.js';

const SPA_ROUTES = ['/', '/watch/:id'];
const LOCALE_DIR = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;

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

export function localeRoutes(localesDir: string): Router {
  const router = Router();
  router.get('/:lng/:file', (req, res) => {
    const { lng, file } = req.params as { lng: string; file: string };
    const ns = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!LOCALE_DIR.test(lng) || !NAMESPACE.test(ns)) throw new ApiError('not_found', 'no such translation file');
    const target = path.join(localesDir, lng, `${ns}.json`);
    if (!fs.existsSync(target)) throw new ApiError('not_found', 'no such translation file');
    res.set('Cache-Control', 'public, max-age=60');
    res.type('application/json').sendFile(target);
  });
  return router;
}
