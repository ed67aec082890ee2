// The operator's endpoints, on servers and workers alike: /healthz (the process is up and not
// stopping), /readyz (its dependencies answer: 503 naming what is down), /metrics (Prometheus).
import { Router } from 'express';
import type { Metrics } from '../../metrics/metrics.js';
import type { Readiness } from '../../metrics/readiness.js';

export interface OpsDeps {
  metrics: Metrics;
  readiness: Readiness;
  /** false while shutting down. */
  isHealthy?: () => boolean;
}

export function opsRoutes({ metrics, readiness, isHealthy }: OpsDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const ok = isHealthy?.() ?? true;
    res.status(ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ok ? 'ok' : 'stopping' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness.check();
    const stopping = !(isHealthy?.() ?? true);
    const down = Object.entries(report.checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
    const ready = report.ready && !stopping;
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ready ? 'ready' : 'unavailable', down: stopping ? [...down, 'stopping'] : down, checks: report.checks });
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.set({ 'Content-Type': contentType, 'Cache-Control': 'no-store' }).send(body);
  });
  return router;
}
