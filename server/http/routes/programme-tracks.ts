// Audio languages and subtitles of a programme (issue 5), for editors:
//   PUT    /api/programmes/:id/audio/:locale?role=main|commentary|description  raw audio/video body → 202 { jobId }
//   DELETE /api/programmes/:id/audio/:locale[?role=…]                           → 204
//   PUT    /api/programmes/:id/subtitles/:locale   raw WebVTT or SRT (UTF-8/16, GB18030, Big5) → 201/200 once published
//   DELETE /api/programmes/:id/subtitles/:locale                                → 204
// auth → validate → thin handler → TrackService (server/catalog/tracks.ts).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { readSubtitles } from '../../../transcoder/index.js';
import { AUDIO_ROLES } from '../../catalog/media-tracks.js';
import type { TrackService } from '../../catalog/tracks.js';
import { canonicalTag } from '../../i18n/locale.js';
import type { MediaStore } from '../../media/store.js';
import { rawBody } from '../middleware/body-limits.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { requirePermission } from '../middleware/session-auth.js';
import { receiveBody } from '../upload.js';
import { validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { localeParamSchema } from './schemas.js';

/** Subtitle files are small; a whole Olympic final's SRT is well under 1 MB. */
const SUBTITLE_MAX_BYTES = 5 * 1024 * 1024;

export interface ProgrammeTrackDeps {
  tracks: TrackService;
  media: MediaStore;
  uploadMaxBytes: number;
  openapi: OpenApiRegistry;
}

const roleSchema = z.enum(AUDIO_ROLES);

export function programmeTrackRoutes({ tracks, media, uploadMaxBytes, openapi }: ProgrammeTrackDeps): Router {
  const router = Router();
  // Audio languages and subtitles are editors' work (server/accounts/roles.ts): translators may not upload.
  const editor = requirePermission('track:write');
  const programmeId = validateParam('id', idSchema, 'programme');
  const locale = (req: Request, _res: Response, next: NextFunction) => {
    const r = localeParamSchema.safeParse(req.params.locale);
    if (!r.success) throw new ApiError('validation_failed', `locale: ${r.error.issues[0]!.message}`, { field: 'locale' });
    req.params.locale = canonicalTag(req.params.locale as string)!;
    next();
  };
  const role = (withDefault: boolean) => (req: Request, res: Response, next: NextFunction) => {
    const raw = req.query.role;
    if (raw === undefined && !withDefault) return next();
    const r = roleSchema.safeParse(raw ?? 'commentary');
    if (!r.success) throw new ApiError('validation_failed', `role: one of ${AUDIO_ROLES.join(', ')}`, { field: 'role' });
    res.locals.role = r.data;
    next();
  };

  router.put('/:id/audio/:locale', editor, programmeId, locale, role(true), async (req, res) => {
    const id = req.params.id as string;
    await tracks.check(id); // 404 / 409 before the body is read
    const temp = await media.incomingSourcePath(id);
    try {
      await receiveBody(req, res, temp, uploadMaxBytes);
    } catch (err) {
      await media.discard(temp);
      throw err;
    }
    const { jobId } = await tracks.submitAudio(id, temp, req.params.locale as string, res.locals.role);
    res.status(202).location(`/api/jobs/${jobId}`).json({ jobId });
  });

  router.delete('/:id/audio/:locale', editor, programmeId, locale, role(false), async (req, res) => {
    await tracks.removeAudio(req.params.id as string, req.params.locale as string, res.locals.role);
    res.status(204).end();
  });

  const raw = rawBody(SUBTITLE_MAX_BYTES, 'a subtitle file');
  router.put('/:id/subtitles/:locale', editor, programmeId, locale, raw, async (req, res) => {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    await tracks.check(req.params.id as string);
    readSubtitles(bytes); // refused here, with the line, before anything is written
    const { track, replaced } = await tracks.putSubtitles(req.params.id as string, req.params.locale as string, bytes);
    res.status(replaced ? 200 : 201).json({ locale: track.language, name: track.name, cues: track.cues });
  });

  router.delete('/:id/subtitles/:locale', editor, programmeId, locale, async (req, res) => {
    await tracks.removeSubtitles(req.params.id as string, req.params.locale as string);
    res.status(204).end();
  });

  const params = { id: idSchema, locale: localeParamSchema };
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/audio/:locale',
    summary: 'Add or replace an audio language (raw body: an audio file, or a video whose first audio stream is taken); loudness-normalized, packaged beside the video without re-encoding it',
    tags: ['editor'],
    auth: 'track:write',
    params,
    query: { role: roleSchema.optional().describe('main, commentary (default for new languages) or description (audio description)') },
    responses: { 202: { description: 'audio job queued', schema: z.object({ jobId: z.uuid() }) }, 409: { description: 'conflict: the programme has no packaged video yet' }, 413: { description: 'payload_too_large' } },
  });
  openapi.add({
    method: 'delete',
    path: '/api/programmes/:id/audio/:locale',
    summary: 'Remove an audio language (every role of it, or ?role=); never the last audio track',
    tags: ['editor'],
    auth: 'track:write',
    params,
    responses: { 204: { description: 'removed (a new rendition is published)' }, 404: { description: 'no such track' }, 409: { description: 'it is the only audio track' } },
  });
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/subtitles/:locale',
    summary: 'Add or replace subtitles (raw WebVTT or SRT; UTF-8, UTF-16, GB18030 or Big5); answered once published',
    tags: ['editor'],
    auth: 'track:write',
    params,
    responses: {
      200: { description: 'replaced and published', schema: z.object({ locale: z.string(), name: z.string(), cues: z.number() }) },
      201: { description: 'added and published', schema: z.object({ locale: z.string(), name: z.string(), cues: z.number() }) },
      400: { description: 'invalid_subtitles: `reason` (bad_encoding, bad_timing, empty_file …) and `line`; nothing is published' },
    },
  });
  openapi.add({
    method: 'delete',
    path: '/api/programmes/:id/subtitles/:locale',
    summary: 'Remove a subtitle language',
    tags: ['editor'],
    auth: 'track:write',
    params,
    responses: { 204: { description: 'removed (a new rendition is published)' }, 404: { description: 'no such subtitles' } },
  });
  return router;
}
