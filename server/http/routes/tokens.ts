// /api/tokens: personal API tokens for scripts. The secret is in the creation answer only;
// listings show a hint ("podium_pat_Ab12…"). Revoking is immediate.
//   POST   /api/tokens { name, expiresInDays? } → 201 { token, id, name, hint, createdAt, expiresAt }
//   GET    /api/tokens → { items: [...] } (own tokens)
//   DELETE /api/tokens/:id → 204 (own token; an admin may revoke anyone's)
import { Router } from 'express';
import { z } from 'zod';
import { can, type ApiTokenInfo } from '../../accounts/index.js';
import type { AccountsRuntime } from '../../accounts/runtime.js';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { text } from '../../text.js';
import { ApiError } from '../errors.js';
import { principalOf, requirePermission } from '../middleware/session-auth.js';
import { validateBody, validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';

export const createTokenSchema = z.strictObject({
  name: text({ max: 100, nonEmpty: true }),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

function tokenView(t: ApiTokenInfo) {
  return {
    id: t.id,
    name: t.name,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export function tokenRoutes({ accounts }: { accounts: AccountsRuntime }): Router {
  const router = Router();
  const { store } = accounts;
  router.use(requirePermission('token:manage-own'), (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (principalOf(req).via === 'bootstrap') {
      throw new ApiError('forbidden', 'the bootstrap PODIUM_ADMIN_TOKEN has no account: create an account (npm run account:create) and sign in with it');
    }
    next();
  });

  router.post('/', jsonBody(8 * KiB), validateBody(createTokenSchema), async (req, res) => {
    const { name, expiresInDays } = req.body as z.infer<typeof createTokenSchema>;
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86400_000) : null;
    const { token, info } = await store.createApiToken(principalOf(req).id, name, { expiresAt });
    res.status(201).location(`/api/tokens/${info.id}`).json({ token, ...tokenView(info) });
  });

  router.get('/', async (req, res) => {
    res.json({ items: (await store.listApiTokens(principalOf(req).id)).map(tokenView) });
  });

  router.delete('/:id', validateParam('id', idSchema, 'token'), async (req, res) => {
    const p = principalOf(req);
    const revoked = await store.revokeApiToken(req.params.id as string, can(p.role, 'account:manage') ? undefined : p.id);
    if (!revoked) throw new ApiError('not_found', `no live token ${req.params.id} of yours`);
    res.status(204).end();
  });

  return router;
}
