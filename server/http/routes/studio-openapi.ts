// OpenAPI descriptions of the studio's routes (auth, API tokens, studio views, resumable
// uploads, job events), from the same zod schemas the routes validate with.
import { z } from 'zod';
import type { OpenApiRegistry } from '../openapi.js';
import { languageSchema, loginSchema } from './auth.js';
import { STUDIO_SEARCH_MAX } from '../../catalog/studio-view.js';
import { idSchema } from './programmes.js';
import { studioListQuery } from './studio.js';
import { createTokenSchema } from './tokens.js';

const account = z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: z.enum(['admin', 'editor', 'translator']), language: z.string().nullable().describe("the studio's language chosen by the editor, or null: the browser's") });
const token = z.object({
  id: z.uuid(),
  name: z.string(),
  hint: z.string().describe('first characters of the token, for recognising it'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const job = z.object({ id: z.uuid(), state: z.string(), progress: z.number(), etaSec: z.number().nullable(), error: z.string().nullable() });
const studioProgramme = z.object({
  id: z.uuid(),
  status: z.string(),
  publishedAt: z.string().nullable(),
  durationSec: z.number().nullable(),
  poster: z.string().nullable(),
  hls: z.string().nullable(),
  localizations: z.array(z.object({ locale: z.string(), title: z.string(), shortTitle: z.string(), synopsis: z.string() })),
  windows: z.array(z.object({ regions: z.array(z.string()), exclude: z.array(z.string()), start: z.string(), end: z.string().nullable() })),
  latestJob: job.nullable(),
  createdAt: z.string(),
});
const SESSION = 'Studio session cookie (unsafe methods also need X-CSRF-Token) or Authorization: Bearer. ';

const studioLocale = { locale: z.string().describe("the studio's language for this caller: the account's preference, else Accept-Language through the CLDR chains"), dir: z.enum(['ltr', 'rtl']) };

/** `locales`: the UI locales an editor may choose (folders of locales/). */
export function describeStudioApi(openapi: OpenApiRegistry, locales: readonly string[]): void {
  openapi.add({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in to the studio: sets the HttpOnly SameSite=Strict session cookie and returns a CSRF token for unsafe requests',
    tags: ['studio'],
    body: loginSchema,
    responses: {
      200: { description: 'signed in', schema: z.object({ account, csrfToken: z.string(), expiresAt: z.string() }) },
      401: { description: 'wrong e-mail address or password (same answer for both)' },
      403: { description: 'posted from another origin' },
      429: { description: 'too_many_requests: too many failed sign-ins; Retry-After says when to try again' },
    },
  });
  openapi.add({
    method: 'post',
    path: '/api/auth/logout',
    summary: `${SESSION}Ends the session and clears the cookie`,
    tags: ['studio'],
    auth: 'signed-in',
    responses: { 204: { description: 'signed out' }, 403: { description: 'missing or invalid CSRF token' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/auth/me',
    summary: `${SESSION}Who is calling, what the role may do, and (for sessions) a fresh CSRF token`,
    tags: ['studio'],
    auth: 'signed-in',
    responses: {
      200: {
        description: 'the caller',
        schema: z.object({ account: account.nullable(), role: z.string(), via: z.enum(['session', 'token', 'bootstrap']), permissions: z.array(z.string()), ...studioLocale, csrfToken: z.string().optional() }),
      },
      401: { description: 'not signed in' },
    },
  });
  openapi.add({
    method: 'put',
    path: '/api/auth/me/language',
    summary: `${SESSION}The studio's language for this account (a UI locale), or null to follow the browser's Accept-Language`,
    tags: ['studio'],
    auth: 'signed-in',
    body: languageSchema(locales),
    responses: {
      200: { description: 'kept', schema: z.object({ language: z.string().nullable(), ...studioLocale }) },
      400: { description: 'validation_failed: not a UI locale (`field`: language); bad_request: the bootstrap token has no account' },
      401: { description: 'not signed in' },
      403: { description: 'missing or invalid CSRF token' },
    },
  });
  openapi.add({
    method: 'post',
    path: '/api/tokens',
    summary: `${SESSION}Create a personal API token for scripts; the secret is in this answer only`,
    tags: ['studio'],
    auth: 'token:manage-own',
    body: createTokenSchema,
    responses: { 201: { description: 'created', schema: token.extend({ token: z.string().describe('podium_pat_…, shown once') }) } },
  });
  openapi.add({
    method: 'get',
    path: '/api/tokens',
    summary: `${SESSION}The caller's API tokens (never their secrets)`,
    tags: ['studio'],
    auth: 'token:manage-own',
    responses: { 200: { description: 'tokens', schema: z.object({ items: z.array(token) }) } },
  });
  openapi.add({
    method: 'delete',
    path: '/api/tokens/:id',
    summary: `${SESSION}Revoke one of the caller's tokens (an admin: anyone's)`,
    tags: ['studio'],
    auth: 'token:manage-own',
    params: { id: idSchema },
    responses: { 204: { description: 'revoked' }, 404: { description: 'no live token of yours with this id' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/studio/programmes',
    summary: `${SESSION}Every programme, drafts and unpublished ones included, newest first; with q, the ones whose localizations match it, best first (the search index without the viewers' region and publication filters; limit ≤ ${STUDIO_SEARCH_MAX})`,
    tags: ['studio'],
    auth: 'programme:read',
    query: { q: studioListQuery.shape.q, limit: studioListQuery.shape.limit },
    responses: { 200: { description: 'programmes', schema: z.object({ items: z.array(studioProgramme) }) } },
  });
  openapi.add({
    method: 'get',
    path: '/api/studio/programmes/:id',
    summary: `${SESSION}One programme with all its localizations, availability windows and latest job`,
    tags: ['studio'],
    auth: 'programme:read',
    params: { id: idSchema },
    responses: { 200: { description: 'the programme', schema: studioProgramme }, 404: { description: 'no such programme' } },
  });
  openapi.add({
    method: 'post',
    path: '/api/uploads',
    summary:
      `${SESSION}Create a resumable upload (tus 1.0.0: creation, termination, expiration). Headers Tus-Resumable, Upload-Length, ` +
      'Upload-Metadata with programmeId (base64). Then PATCH /api/uploads/{uploadId} with Upload-Offset; HEAD gives the offset to resume from. ' +
      'The last PATCH answers Podium-Job-Id: the source is transcoded like PUT /source.',
    tags: ['editor'],
    auth: 'source:upload',
    responses: {
      201: { description: 'created; Location: /api/uploads/{uploadId}' },
      400: { description: 'no or bad programmeId, empty file' },
      404: { description: 'no such programme' },
      413: { description: 'Upload-Length past PODIUM_UPLOAD_MAX_BYTES' },
    },
  });
  openapi.add({
    method: 'get',
    path: '/api/jobs/:id/events',
    summary: `${SESSION}Follow a job live (text/event-stream): "progress" events { id, state, progress, etaSec } on every change, then one "end" event with the terminal state and error; the stream then closes`,
    tags: ['studio'],
    auth: 'programme:read',
    params: { id: idSchema },
    responses: { 200: { description: 'the event stream', contentType: 'text/event-stream', schema: job }, 404: { description: 'no such job' } },
  });
}
