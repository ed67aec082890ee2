// Audio languages and subtitles of a programme (issue 5). Every change builds a NEW rendition
// folder from (a local copy of) the current one (transcoder/tracks.ts: unchanged files
// hard-linked, the video never re-encoded), commits it to the MediaStore, then switches the
// programme to it in one UPDATE that also carries the track summary. The UPDATE is conditional on the rendition it was built from: when another change
// (or a new source) was published meanwhile, the change is rebuilt on the newer folder.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import {
  composeRendition,
  MANIFEST,
  parseManifest,
  stageAudioTrack,
  stageSubtitleTrack,
  type AudioRole,
  type FfmpegBinaries,
  type LoudnessTarget,
  type ManifestAudio,
  type ManifestSubtitle,
  type PackageManifest,
  type StagedTrack,
  type TrackChanges,
} from '../../transcoder/index.js';
import type { Models } from '../db/models.js';
import type { JobLease, JobQueue } from '../jobs/queue.js';
import { finishOwnedJob } from '../jobs/sql-queue.js';
import type { LocalCopy, MediaStore } from '../media/store.js';
import type { AvailabilityEdits } from './availability.js';
import { CatalogError, TrackError } from './errors.js';
import { summarizeManifest } from './media-tracks.js';

export interface AudioJobPayload extends Record<string, unknown> {
  source: string;
  locale: string;
  role: AudioRole;
}

export interface TrackServiceDeps {
  models: Models;
  sequelize: Sequelize;
  media: MediaStore;
  queue: JobQueue;
  bins: FfmpegBinaries;
  loudnessTarget: LoudnessTarget;
  logger: Logger;
  /** Told of a rendition switch in its transaction (the channels that air the programme switch from their next slot on). */
  edits?: AvailabilityEdits;
}

const MAX_ATTEMPTS = 5;

export class TrackService {
  constructor(private readonly deps: TrackServiceDeps) {}

  /** Takes a received audio (or video) file and enqueues the job that packages it. */
  async submitAudio(programmeId: string, tempPath: string, locale: string, role: AudioRole): Promise<{ jobId: string }> {
    const { media, queue } = this.deps;
    try {
      await this.current(programmeId);
    } catch (err) {
      await media.discard(tempPath);
      throw err;
    }
    const jobId = randomUUID();
    const source = await media.commitSource(tempPath, programmeId, jobId);
    const payload: AudioJobPayload = { source, locale, role };
    await queue.enqueue({ id: jobId, programmeId, type: 'audio', payload });
    return { jobId };
  }

  /**
   * The audio job: package once into a staging folder, then compose + switch (rebuilt on
   * conflict). With the job's lease, the switch and the job's success are one transaction, as a
   * transcode's publication: a job taken over meanwhile publishes nothing, so at most once.
   */
  async addAudio(programmeId: string, p: AudioJobPayload, run: { signal?: AbortSignal; logger?: Logger; lease?: JobLease } = {}): Promise<ManifestAudio> {
    const { media } = this.deps;
    const cur = await this.current(programmeId);
    const from = await media.fetchRendition(cur.key);
    const stagingDir = await media.prepareStaging(programmeId);
    let source: LocalCopy | undefined;
    try {
      source = await media.fetchSource(p.source);
      const staged = await stageAudioTrack(this.deps.bins, {
        fromDir: from.path,
        stagingDir,
        input: source.path,
        language: p.locale,
        role: p.role,
        loudnessTarget: this.deps.loudnessTarget,
        origin: p.source,
        signal: run.signal,
        logger: run.logger,
      });
      await this.change(programmeId, () => ({ addAudio: [staged] }), run.logger, { key: cur.key, copy: from }, run.lease);
      return staged.track;
    } finally {
      await source?.release();
      await from.release();
      await media.removeStaging(stagingDir);
    }
  }

  /** Removes one audio language (every role of it, or only `role`); never the last audio track. */
  async removeAudio(programmeId: string, locale: string, role?: AudioRole): Promise<void> {
    const match = (a: ManifestAudio) => a.language.toLowerCase() === locale.toLowerCase() && (!role || a.role === role);
    await this.change(programmeId, (m) => {
      if (!m.audio.some(match)) throw new TrackError('not_found', `no ${role ? `${role} ` : ''}audio track in ${locale}`);
      if (m.audio.every(match)) throw new TrackError('last_audio', 'this is the only audio track; add another language before removing it');
      return { dropAudio: match };
    });
  }

  /**
   * Validates (SubtitleError with the line → nothing published), packages and publishes one
   * subtitle language; replaces the language when present. Returns once the programme plays it.
   */
  async putSubtitles(programmeId: string, locale: string, bytes: Uint8Array): Promise<{ track: ManifestSubtitle; replaced: boolean }> {
    const { media } = this.deps;
    const cur = await this.current(programmeId);
    const from = await media.fetchRendition(cur.key);
    const stagingDir = await media.prepareStaging(programmeId);
    try {
      const staged: StagedTrack<ManifestSubtitle> = await stageSubtitleTrack({ fromDir: from.path, stagingDir, input: bytes, language: locale });
      let replaced = false;
      await this.change(
        programmeId,
        (m) => {
          replaced = m.subtitles.some((s) => s.language === staged.track.language);
          return { addSubtitles: [staged] };
        },
        undefined,
        { key: cur.key, copy: from },
      );
      return { track: staged.track, replaced };
    } finally {
      await from.release();
      await media.removeStaging(stagingDir);
    }
  }

  async removeSubtitles(programmeId: string, locale: string): Promise<void> {
    const match = (s: ManifestSubtitle) => s.language.toLowerCase() === locale.toLowerCase();
    await this.change(programmeId, (m) => {
      if (!m.subtitles.some(match)) throw new TrackError('not_found', `no subtitles in ${locale}`);
      return { dropSubtitles: match };
    });
  }

  /**
   * After a new source was transcoded into `dir` (not yet published): the languages added to the
   * current rendition (audio from their kept uploads, subtitles from their full WebVTT) packaged
   * again on the new video, in a new local folder that replaces `from` (its key and local folder, not committed yet). Null when there is nothing to
   * carry over, or when it fails (logged; the new video is then published without them).
   */
  async carryOver(programmeId: string, from: { key: string; dir: string }, run: { signal?: AbortSignal; logger?: Logger } = {}): Promise<{ renditionId: string; key: string; dir: string } | null> {
    const logger = run.logger ?? this.deps.logger;
    let cur;
    try {
      cur = await this.current(programmeId);
    } catch {
      return null;
    }
    const audio = cur.manifest.audio.filter((a) => a.origin);
    const subs = cur.manifest.subtitles.filter((s) => s.full);
    if (audio.length === 0 && subs.length === 0) return null;
    const stagingDir = await this.deps.media.prepareStaging(programmeId);
    try {
      const addAudio = [];
      for (const a of audio) {
        const source = await this.deps.media.fetchSource(a.origin!);
        try {
          addAudio.push(
            await stageAudioTrack(this.deps.bins, {
              fromDir: from.dir,
              stagingDir,
              input: source.path,
              language: a.language,
              role: a.role,
              name: a.name,
              origin: a.origin!,
              loudnessTarget: this.deps.loudnessTarget,
              signal: run.signal,
              logger,
            }),
          );
        } finally {
          await source.release();
        }
      }
      const addSubtitles = [];
      for (const s of subs) {
        const bytes = await this.deps.media.readFile(cur.key, s.full!);
        addSubtitles.push(await stageSubtitleTrack({ fromDir: from.dir, stagingDir, input: bytes, language: s.language, name: s.name }));
      }
      const renditionId = randomUUID();
      const next = await this.deps.media.prepareRendition(programmeId, renditionId);
      await composeRendition(from.dir, next.dir, { addAudio, addSubtitles }, logger);
      await this.deps.media.removeRendition(from.key); // never published
      logger.info({ programmeId, audio: audio.map((a) => a.language), subtitles: subs.map((s) => s.language) }, 'added languages carried over to the new video');
      return { renditionId, key: next.key, dir: next.dir };
    } catch (err) {
      if (run.signal?.aborted) throw err;
      logger.warn({ err, programmeId }, 'could not carry the added languages over to the new video; publishing it without them');
      return null;
    } finally {
      await this.deps.media.removeStaging(stagingDir);
    }
  }

  /**
   * Whether the programme's current rendition packages an audio language from this upload: such
   * an upload is kept, to package the language again on a new video (carryOver).
   */
  async usesSource(programmeId: string, sourceKey: string): Promise<boolean> {
    try {
      return (await this.current(programmeId)).manifest.audio.some((a) => a.origin === sourceKey);
    } catch (err) {
      if (err instanceof TrackError || err instanceof CatalogError) return false; // no (readable) rendition: nothing packaged from it
      throw err;
    }
  }

  /** Throws (not_found, no_rendition) unless tracks can be added to the programme now: checked before reading a body. */
  async check(programmeId: string): Promise<void> {
    await this.current(programmeId);
  }

  /** The programme's current rendition and its manifest (read through the store: no copy of the folder). */
  private async current(programmeId: string): Promise<{ renditionId: string; key: string; manifest: PackageManifest }> {
    const row = await this.deps.models.Programme.findByPk(programmeId, { attributes: ['id', 'renditionId', 'renditionPath'] });
    if (!row) throw new CatalogError('not_found', `no programme ${programmeId}`);
    if (!row.renditionId || !row.renditionPath) throw new TrackError('no_rendition', 'the programme has no packaged video yet; upload its source first');
    const key = row.renditionPath;
    const predates = () => new TrackError('no_rendition', 'the current rendition predates audio languages and subtitles; upload the source again to repackage it');
    let text: string;
    try {
      text = (await this.deps.media.readFile(key, MANIFEST)).toString('utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // the store is unreachable: not the rendition's fault
      throw predates();
    }
    try {
      return { renditionId: row.renditionId, key, manifest: parseManifest(text, key) };
    } catch {
      throw predates();
    }
  }

  /**
   * Builds a new folder from a local copy of the current one with `changes`, commits it, then
   * switches; rebuilt when the current one moved on. `fetched`: a copy the caller already holds.
   */
  private async change(programmeId: string, changes: (m: PackageManifest) => TrackChanges, logger?: Logger, fetched?: { key: string; copy: LocalCopy }, lease?: JobLease): Promise<void> {
    const { models, media, sequelize } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const cur = await this.current(programmeId);
      const c = changes(cur.manifest);
      const renditionId = randomUUID();
      const from = fetched?.key === cur.key ? fetched.copy : await media.fetchRendition(cur.key);
      let n: number;
      try {
        const { dir, key } = await media.prepareRendition(programmeId, renditionId);
        let manifest: PackageManifest;
        try {
          manifest = await composeRendition(from.path, dir, c, logger);
          await media.commitRendition({ dir, key });
        } catch (err) {
          await media.removeRendition(key).catch(() => undefined);
          throw err;
        }
        try {
          n = await sequelize.transaction(async (transaction) => {
            const change = () =>
              models.Programme.update(
                { renditionId, renditionPath: key, mediaTracks: JSON.stringify(summarizeManifest(manifest)), status: 'ready' },
                { where: { id: programmeId, renditionId: cur.renditionId }, transaction },
              );
            const [switched] = await (this.deps.edits ? this.deps.edits.around(programmeId, 'rendition', transaction, change) : change());
            if (switched === 1 && lease) await finishOwnedJob(models, lease, transaction); // LeaseLostError rolls the switch back
            return switched;
          });
        } catch (err) {
          await media.removeRendition(key).catch(() => undefined); // never published
          throw err;
        }
        if (n === 1) return;
        await media.removeRendition(key);
      } finally {
        if (from !== fetched?.copy) await from.release();
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`programme ${programmeId} kept changing; the track change was not published`);
      logger?.info({ programmeId, attempt }, 'the rendition changed meanwhile; rebuilding on the new one');
    }
  }
}
