// The demo catalog (content/demo.json), built through the same pipeline as an editor's upload:
// create the programme in the catalog (published, with its sports metadata and rights windows), write a synthetic source (lavfi, no downloads) as the
// upload would, submit it, and let the worker transcode it. Programmes already present (by
// externalId) are not generated again, so a second start costs only a few queries; they only
// get the localizations demo.json has and they lack (a language added to the file reaches an
// existing data dir). Their other fields and existing localizations are left as they are: an
// editor may have changed them.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from 'pino';
import { synthesizeClip } from '../../transcoder/synth.js';
import type { FfmpegBinaries } from '../../transcoder/index.js';
import type { LocalizationStore } from '../catalog/localizations.js';
import type { ProgrammeService } from '../catalog/programmes.js';
import type { MediaStore } from '../media/store.js';
import { availabilityWindowSchema } from '../rights/index.js';

const demoSchema = z.strictObject({
  programmes: z
    .array(
      z.strictObject({
        externalId: z.string().min(1),
        source: z.strictObject({
          width: z.number().int().min(16).max(3840),
          height: z.number().int().min(16).max(3840),
          fps: z.number().min(1).max(60).optional(),
          durationSec: z.number().min(1).max(120),
        }),
        localizations: z.record(z.string(), z.strictObject({ title: z.string().min(1), shortTitle: z.string().optional(), synopsis: z.string(), event: z.string().max(200).optional() })),
        sport: z.string().optional(),
        discipline: z.string().optional(),
        event: z.string().optional(),
        gamesEdition: z.string().optional(),
        recordedAt: z.iso.datetime({ offset: true }).optional(),
        tags: z.array(z.string()).optional(),
        /** Rights windows (the PUT /availability body's form); absent = PODIUM_DEFAULT_AVAILABILITY. */
        windows: z.array(availabilityWindowSchema).optional(),
        /** Demo programmes are shown to viewers unless this says otherwise. */
        published: z.boolean().default(true),
      }),
    )
    .min(1),
});

export type DemoCatalog = z.infer<typeof demoSchema>;

export function loadDemoCatalog(contentDir: string): DemoCatalog {
  const file = path.join(contentDir, 'demo.json');
  const parsed = demoSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export interface SeedDeps {
  catalog: ProgrammeService;
  media: MediaStore;
  bins: FfmpegBinaries;
  logger: Logger;
  contentDir: string;
  /** Adds the localizations existing demo programmes lack; without it they are left as they are. */
  localizations?: Pick<LocalizationStore, 'addMissing'>;
}

/** Creates and submits every demo programme that is missing; returns the ids of those created. */
export async function seedDemo({ catalog, media, bins, logger, contentDir, localizations }: SeedDeps): Promise<string[]> {
  const created: string[] = [];
  for (const demo of loadDemoCatalog(contentDir).programmes) {
    const existing = await catalog.findByExternalId(demo.externalId);
    // A draft has no source yet: an earlier start stopped between creating and submitting it.
    if (existing && existing.status !== 'draft') {
      const added = (await localizations?.addMissing(existing.id, demo.localizations)) ?? [];
      if (added.length) logger.info({ externalId: demo.externalId, programmeId: existing.id, locales: added }, 'demo programme: localizations added');
      continue;
    }
    const { id } =
      existing ??
      (await catalog.createProgramme({
        externalId: demo.externalId,
        localizations: demo.localizations,
        sport: demo.sport,
        discipline: demo.discipline,
        event: demo.event,
        gamesEdition: demo.gamesEdition,
        recordedAt: demo.recordedAt ? new Date(demo.recordedAt) : undefined,
        tags: demo.tags,
        windows: demo.windows,
        published: demo.published,
      }));
    const temp = await media.incomingSourcePath(id);
    try {
      logger.info({ externalId: demo.externalId, ...demo.source }, 'generating demo source');
      await synthesizeClip(bins, { ...demo.source, out: temp, container: 'mp4', label: demo.externalId });
    } catch (err) {
      await media.discard(temp);
      throw err;
    }
    const { jobId } = await catalog.submitSource(id, temp, { audioLanguage: 'und' });
    logger.info({ externalId: demo.externalId, programmeId: id, jobId }, 'demo programme queued for transcoding');
    created.push(id);
  }
  return created;
}
