// What a viewer may see and play: published programmes with an availability window open now for
// the viewer's region, each in the best localization of the viewer's CLDR fallback chain, with
// media URLs signed for (programme, region). Every rights decision goes to the audit log.
import { Op, type Sequelize } from 'sequelize';
import type { AvailabilityWindowRow, Models, ProgrammeRow } from '../db/models.js';
import { decide, availableUntil, signedMediaUrl, type AvailabilityWindow, type PlaybackTokens, type RightsAudit, type RightsDecision, type RightsSurface } from '../rights/index.js';
import type { SearchIndex } from '../search/index.js';
import { AvailabilityStore, availableNowSql, rowToWindow } from './availability.js';
import { CatalogError, type Catalog, type ProgrammeView } from './programmes.js';

export interface Viewer {
  region: string;
  /** CLDR fallback chain of the viewer's languages, best first (ViewerContext.chain). */
  chain: readonly string[];
}

/** The programme exists and is published but may not be watched here now. */
export class UnavailableError extends Error {
  constructor(
    readonly programmeId: string,
    readonly region: string,
    readonly decision: RightsDecision,
  ) {
    super(`programme ${programmeId} is not available in ${region} (${decision.reason})`);
  }
}

export interface ViewerCatalogDeps {
  sequelize: Sequelize;
  models: Models;
  catalog: Catalog;
  availability: AvailabilityStore;
  search: SearchIndex;
  tokens: PlaybackTokens;
  audit: RightsAudit;
  now: () => Date;
  /** Lifetime of signed media URLs (PODIUM_PLAYBACK_TOKEN_TTL_SEC), capped by the rights. */
  tokenTtlSec: number;
  /** Signed URLs expire on multiples of this (seconds), so a list's URLs stay stable for a while (cacheable). Default 300. */
  tokenBucketSec?: number;
}

export class ViewerCatalog {
  private readonly bucketSec: number;
  constructor(private readonly deps: ViewerCatalogDeps) {
    this.bucketSec = deps.tokenBucketSec ?? 300;
  }

  /** Published programmes the viewer's region may watch now, oldest first. */
  async list(viewer: Viewer): Promise<ProgrammeView[]> {
    const { models } = this.deps;
    const now = this.deps.now();
    const rows = await models.Programme.findAll({
      where: { publishedAt: { [Op.ne]: null } },
      include: [
        { model: models.Localization, as: 'localizations' },
        { model: models.AvailabilityWindow, as: 'windows' },
      ],
      order: [['createdAt', 'ASC'], ['id', 'ASC']],
    });
    const out: ProgrammeView[] = [];
    for (const row of rows) {
      const windows = windowsOfRow(row);
      const d = decide(windows, viewer.region, now);
      if (!d.available) continue; // not audited per list: a list is not a request for this programme
      out.push(this.present(row, windows, viewer, now));
    }
    return out;
  }

  /** One programme; UnavailableError (→ 451) when published but not watchable here now. */
  async get(id: string, viewer: Viewer): Promise<ProgrammeView> {
    const { models } = this.deps;
    const row = await models.Programme.findByPk(id, {
      include: [
        { model: models.Localization, as: 'localizations' },
        { model: models.AvailabilityWindow, as: 'windows' },
      ],
    });
    if (!row || row.publishedAt === null) throw new CatalogError('not_found', `no programme ${id}`);
    const now = this.deps.now();
    const windows = windowsOfRow(row);
    this.check(id, windows, viewer.region, now, 'detail');
    return this.present(row, windows, viewer, now);
  }

  /** Ranked search over every localization; only what the region may watch now. */
  async search(q: string, viewer: Viewer, page: { limit?: number; offset?: number } = {}): Promise<(ProgrammeView & { matchedLocale: string })[]> {
    const now = this.deps.now();
    const hits = await this.deps.search.query(q, { ...page, allowed: availableNowSql('d.programme_id', viewer.region, now, this.deps.sequelize.getDialect()) });
    if (hits.length === 0) return [];
    const { models } = this.deps;
    const rows = await models.Programme.findAll({
      where: { id: hits.map((h) => h.programmeId) },
      include: [
        { model: models.Localization, as: 'localizations' },
        { model: models.AvailabilityWindow, as: 'windows' },
      ],
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: (ProgrammeView & { matchedLocale: string })[] = [];
    for (const h of hits) {
      const row = byId.get(h.programmeId);
      if (!row) continue;
      const windows = windowsOfRow(row);
      // The SQL filter and decide() implement the same rule; re-checking costs nothing and keeps one source of truth.
      if (!decide(windows, viewer.region, now).available) continue;
      out.push({ ...this.present(row, windows, viewer, now), matchedLocale: h.locale });
    }
    return out;
  }

  /**
   * Rights for a playlist request (re-checked in the database on every playlist): the programme
   * must be published and `renditionId` one of its renditions. Throws not_found or UnavailableError.
   */
  async checkPlaylist(programmeId: string, region: string): Promise<void> {
    const row = await this.deps.models.Programme.findByPk(programmeId, { attributes: ['id', 'publishedAt'] });
    if (!row || row.publishedAt === null) throw new CatalogError('not_found', `no programme ${programmeId}`);
    this.check(programmeId, await this.deps.availability.windows(programmeId), region, this.deps.now(), 'playlist');
  }

  /** The current decision for a region (no audit): for answering a refused segment. */
  async decision(programmeId: string, region: string): Promise<RightsDecision> {
    return decide(await this.deps.availability.windows(programmeId), region, this.deps.now());
  }

  private check(programmeId: string, windows: AvailabilityWindow[], region: string, now: Date, surface: RightsSurface): void {
    const d = decide(windows, region, now);
    this.deps.audit.record({ programmeId, region, decision: d.available ? 'allow' : 'deny', reason: d.reason, surface });
    if (!d.available) throw new UnavailableError(programmeId, region, d);
  }

  private present(row: ProgrammeRow, windows: AvailabilityWindow[], viewer: Viewer, now: Date): ProgrammeView {
    const until = availableUntil(windows, viewer.region, now);
    const bucketMs = this.bucketSec * 1000;
    let token: string | undefined;
    return this.deps.catalog.view(row, {
      chain: viewer.chain,
      mediaUrl: (programmeId, renditionKey, file) => {
        if (!token) {
          // Expiry rounded down to a bucket boundary (stable URLs for a while), never past the rights.
          const bucketed = new Date(Math.floor((now.getTime() + this.deps.tokenTtlSec * 1000) / bucketMs) * bucketMs);
          token = this.deps.tokens.sign({ programmeId, region: viewer.region, notAfter: until && until < bucketed ? until : bucketed }).token;
        }
        const [pid, rid] = renditionKey.split('/') as [string, string];
        return signedMediaUrl(token, pid, rid, file);
      },
    });
  }
}

function windowsOfRow(row: ProgrammeRow): AvailabilityWindow[] {
  return ((row as ProgrammeRow & { windows?: AvailabilityWindowRow[] }).windows ?? []).map(rowToWindow);
}
