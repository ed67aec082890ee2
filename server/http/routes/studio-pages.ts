// The editors' studio under /studio: one HTML shell for every studio URL, a script bundled by
// esbuild from server/studio/client/ (built in memory on first request, so there is no extra
// build step) and a stylesheet. Back-office headers on everything here: a strict CSP (no inline
// script or style, frame-ancestors 'none'), no referrer, and Cache-Control: no-store.
// The studio talks to the same /api as scripts do; it never shares code with player/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

// The studio's own files (client code, shell, stylesheet) stay in server/studio/.
const STUDIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../studio');
const ENTRY = path.join(STUDIO_DIR, 'client', 'main.ts');
const CSS = path.join(STUDIO_DIR, 'studio.css');
const SHELL = path.join(STUDIO_DIR, 'shell.html');

export const STUDIO_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Headers for every studio response (pages and assets). */
export function studioHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: STUDIO_CSP },
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
    }),
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}

let bundle: Promise<string> | undefined;

/** The studio script, bundled once per process. */
export function studioBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then(
    (r) => r.outputFiles[0]!.text,
    (err: unknown) => {
      bundle = undefined; // retry on the next request
      throw err;
    },
  );
  return bundle;
}

export function studioRoutes(): Router {
  const router = Router();
  router.use(...studioHeaders());
  router.get('/assets/studio.js', async (_req, res) => {
    res.type('text/javascript').send(await studioBundle());
  });
  router.get('/assets/studio.css', (_req, res) => {
    res.type('text/css').sendFile(CSS);
  });
  const shell = fs.readFileSync(SHELL, 'utf8');
  router.get(['/', '/{*page}'], (req, res, next) => {
    if (req.path.startsWith('/assets/')) return next();
    res.type('html').send(shell);
  });
  return router;
}
