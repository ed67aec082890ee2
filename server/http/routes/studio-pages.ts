// The editors' studio under /studio: one HTML shell for every studio URL, a script bundled by
// esbuild from server/studio/client/ (built in memory on first request, so there is no extra
// build step) and a stylesheet. Back-office headers on everything here: a strict CSP (no inline
// script or style, frame-ancestors 'none'), no referrer, and Cache-Control: no-store.
// The studio talks to the same /api as scripts do. Of player/ it reuses only the i18next loader
// and the language helpers (player/src/core/i18n.ts, language.ts: no credentials there).
// The shell is written in the editor's language (server/http/studio-locale.ts): <html lang dir>
// and the strings the page shows before its script runs; the client's i18next takes over.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AccountStore } from '../../accounts/index.js';
import { principalOf } from '../middleware/session-auth.js';
import { studioLocale } from '../studio-locale.js';

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

export interface StudioPagesDeps {
  /** The UI locales (folders of locales/). */
  locales: readonly string[];
  /** Reads the signed-in editor's language preference. */
  accounts: Pick<AccountStore, 'findById'>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function studioRoutes({ locales, accounts }: StudioPagesDeps): Router {
  const router = Router();
  router.use(...studioHeaders());
  router.get('/assets/studio.js', async (_req, res) => {
    res.type('text/javascript').send(await studioBundle());
  });
  router.get('/assets/studio.css', (_req, res) => {
    res.type('text/css').sendFile(CSS);
  });
  const shell = fs.readFileSync(SHELL, 'utf8');
  router.get(['/', '/{*page}'], async (req, res, next) => {
    if (req.path.startsWith('/assets/')) return next();
    let preference: string | null = null;
    try {
      const p = principalOf(req);
      if (p.via !== 'bootstrap') preference = (await accounts.findById(p.id))?.language ?? null;
    } catch {
      // not signed in (or an ended session): the browser's languages decide
    }
    const { locale, dir } = studioLocale(locales, preference, req.get('accept-language'));
    res.set('Content-Language', locale);
    res.vary('Accept-Language');
    res.vary('Cookie');
    res
      .type('html')
      .send(shell.replace('{{lang}}', escapeHtml(locale)).replace('{{dir}}', dir));
  });
  return router;
}
