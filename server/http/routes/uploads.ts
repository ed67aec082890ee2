// /api/uploads: resumable source uploads with the tus protocol (v1.0.0: creation, termination,
// expiration), for multi-gigabyte files over flaky links. The client creates an upload with
// `Upload-Length` and `Upload-Metadata: programmeId <base64>` (and optionally `filename`), sends
// PATCHes, and after an interruption asks HEAD for `Upload-Offset` and goes on from there.
// When the last byte arrives the file goes through the same pipeline as PUT /source
// (Catalog.submitSource: moved into uploads/, transcode job enqueued); the final PATCH answers
// with `Podium-Job-Id`. Auth: source:upload (bearer token, or session + X-CSRF-Token). No CORS.
// Unfinished uploads expire (PODIUM_UPLOAD_EXPIRY_SEC, server/media/resumable-store.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { MediaStore } from '../../media/store.js';
import { CatalogError, type Catalog } from '../../catalog/programmes.js';
import { errorBody, type ErrorCode } from '../errors.js';
import { requirePermission } from '../middleware/session-auth.js';
import { idSchema } from './programmes.js';

export const UPLOADS_PATH = '/api/uploads';
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export interface UploadRoutesDeps {
  catalog: Catalog;
  media: MediaStore;
  uploadMaxBytes: number;
  /** Partial tus uploads (same filesystem as the media store's uploads/), with their expiry. */
  tusStore: FileStore;
  logger: Logger;
}

function refuse(status: number, code: ErrorCode, message: string): { status_code: number; body: string } {
  return { status_code: status, body: JSON.stringify(errorBody(code, message)) };
}

export function uploadRoutes({ catalog, media, uploadMaxBytes, tusStore: store, logger }: UploadRoutesDeps): Router {
  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: store,
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
        if (err instanceof CatalogError) throw refuse(404, 'not_found', err.message);
        throw err;
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
        // Into the media store's incoming place for this programme, then the PUT /source pipeline.
        const temp = await media.incomingSourcePath(programmeId);
        await fs.promises.rename(path.join(store.directory, upload.id), temp);
        const { jobId } = await catalog.submitSource(programmeId, temp);
        logger.info({ programmeId, jobId, bytes: upload.size }, 'resumable upload finished');
        return { headers: { 'Podium-Job-Id': jobId, 'Access-Control-Expose-Headers': 'Podium-Job-Id' } };
      } catch (err) {
        if (err instanceof CatalogError) throw refuse(404, 'not_found', err.message);
        throw err;
      } finally {
        await store.configstore.delete(upload.id).catch(() => undefined);
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
