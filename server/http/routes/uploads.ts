// /api/uploads: resumable source uploads with the tus protocol (v1.0.0: creation, termination,
// expiration), for multi-gigabyte files over flaky links. The client creates an upload with
// `Upload-Length` and `Upload-Metadata: programmeId <base64>` (and optionally `filename`), sends
// PATCHes, and after an interruption asks HEAD for `Upload-Offset` and goes on from there.
// When the last byte arrives the file goes through the same pipeline as PUT /source
// (ProgrammeService.submitSource: moved into uploads/, transcode job enqueued); the final PATCH answers
// with `Podium-Job-Id`. Auth: source:upload (bearer token, or session + X-CSRF-Token). No CORS.
// Unfinished uploads expire (PODIUM_UPLOAD_EXPIRY_SEC, server/media/resumable-store.ts).
import { Server, type Upload } from '@tus/server';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { ResumableUploads } from '../../media/resumable-store.js';
import type { ProgrammeService } from '../../catalog/programmes.js';
import { errorBody, fromDomainError, type ErrorCode } from '../errors.js';
import { requirePermission } from '../middleware/session-auth.js';
import { idSchema } from './programmes.js';

export const UPLOADS_PATH = '/api/uploads';
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export interface UploadRoutesDeps {
  catalog: ProgrammeService;
  uploadMaxBytes: number;
  /** Partial tus uploads (on disk beside the media store's uploads/, or in its bucket), with their expiry. */
  resumableUploads: ResumableUploads;
  logger: Logger;
}

function refuse(status: number, code: ErrorCode, message: string): { status_code: number; body: string } {
  return { status_code: status, body: JSON.stringify(errorBody(code, message)) };
}

/** The API code for each status @tus/server refuses with on its own (protocol checks). */
const TUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'upload_expired',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * @tus/server writes its protocol refusals (412 without Tus-Resumable, 400 for a bad header, 404,
 * 409 on an offset conflict, 410 once expired…) as plain text, and answers them before any hook
 * runs. Podium's clients read `{ error: { code, message } }` (issue 16): every 4xx/5xx leaves in
 * that shape; bodies already in it (refuse() from the hooks) pass through.
 */
class PodiumTusServer extends Server {
  override write(...[context, headers, status, body = '']: Parameters<Server['write']>): ReturnType<Server['write']> {
    if (status >= 400) {
      headers.set('Content-Type', 'application/json; charset=utf-8');
      if (!body.startsWith('{')) {
        const code = TUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
        body = JSON.stringify(errorBody(code, body.trim() || `the upload request was refused (${status})`));
      }
    }
    return super.write(context, headers, status, body);
  }
}

/** tus answers what its hooks throw in its own shape: a domain error gets its mapped code there too. */
function refuseDomain(err: unknown): unknown {
  const e = fromDomainError(err);
  return e ? refuse(e.status, e.code, e.message) : err;
}

export function uploadRoutes({ catalog, uploadMaxBytes, resumableUploads: uploads, logger }: UploadRoutesDeps): Router {
  const tus = new PodiumTusServer({
    path: UPLOADS_PATH,
    datastore: uploads.datastore,
    maxSize: uploadMaxBytes,
    relativeLocation: true,
    // CORS belongs to the viewer API and /media only: never tell a browser another origin may upload.
    allowedOrigins: () => false,
    getFileIdFromRequest: (_req, id) => (id && UPLOAD_ID.test(id) ? id : undefined),
    async onUploadCreate(_req, upload: Upload) {
      const programmeId = upload.metadata?.programmeId ?? '';
      if (!idSchema.safeParse(programmeId).success) throw refuse(400, 'validation_failed', 'Upload-Metadata must carry programmeId (a programme id)');
      if (upload.size === 0) throw refuse(400, 'validation_failed', 'the file is empty');
      try {
        await catalog.assertExists(programmeId);
      } catch (err) {
        throw refuseDomain(err);
      }
      return {};
    },
    onResponseError(_req, err) {
      if ('status_code' in err && err.status_code < 500) return undefined;
      logger.error({ err }, 'resumable upload failed');
      return refuse(500, 'internal', 'the upload could not be stored; try again');
    },
    async onUploadFinish(_req, upload: Upload) {
      const programmeId = upload.metadata?.programmeId ?? '';
      try {
        // The media store's incoming source for this programme, then the PUT /source pipeline.
        const temp = await uploads.takeFinished(upload.id, programmeId);
        const { jobId } = await catalog.submitSource(programmeId, temp);
        logger.info({ programmeId, jobId, bytes: upload.size }, 'resumable upload finished');
        return { headers: { 'Podium-Job-Id': jobId, 'Access-Control-Expose-Headers': 'Podium-Job-Id' } };
      } catch (err) {
        throw refuseDomain(err);
      } finally {
        await uploads.forget(upload.id);
      }
    },
  });

  const router = Router();
  router.use(requirePermission('source:upload'), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.all(['/', '/:id'], (req, res, next) => {
    tus.handle(req, res).catch(next);
  });
  return router;
}
