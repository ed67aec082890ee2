// GET /api/openapi.json: the document the registry (server/http/openapi.ts) builds from the
// routes' own zod schemas.
import { Router } from 'express';
import type { OpenApiRegistry } from '../openapi.js';

export function openApiRoute(registry: OpenApiRegistry, info: { title: string; version: string }): Router {
  const router = Router();
  let cached: Record<string, unknown> | undefined;
  router.get('/openapi.json', (_req, res) => {
    cached ??= registry.document(info); // routes are all registered before the first request
    res.set('Cache-Control', 'no-cache').json(cached);
  });
  return router;
}
