// What a viewer may see and play: published programmes with an availability window open now for
// the viewer's region, each in the best localization of the viewer's CLDR fallback chain, with
// media URLs signed for (programme, region). Every rights decision goes to the audit log.
import { Op, type Sequelize } from 'sequelize';
import type { AvailabilityWindowRow, LocalizationRow, Models, ProgrammeRow } from '../db/models.js';
import { decide, availableUntil, bucketedExpiry, signedMediaUrl, type AvailabilityWindow, type PlaybackTokens, type RightsAudit, type RightsDecision, type RightsSurface } from '../rights/index.js';
import type { SearchIndex } from '../search/index.js';
import { AvailabilityStore, availableNowSql, rowToWindow } from './availability.js';
import { CatalogError } from './errors.js';
import { isSlate, type ProgrammeService, type ProgrammeView } from './programmes.js';
import type { PublishedSnapshot, SnapshotEntry } from './published-snapshot.js';

export interface Viewer {
  region: string;
  /** CLDR fallback chain of the viewer's languages, best first (ViewerContext.chain). */
  chain: readonly string[];
}

/** Where a page of the viewer's list ends: the (createdAt, id) of its last programme. */
export interface ListCursor {
  createdAt: Date;
  id: string;
}

/** The cursor as an opaque token for URLs (base64url of "<ISO date> <id>"). */
export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()} ${c.id}`).toString('base64url');
}

/** The cursor of encodeListCursor(), or null when the token is not one. */
export function decodeListCursor(token: string): ListCursor | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) return null;
  const createdAt = new Date(m[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2]!.toLowerCase() };
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
  catalog: ProgrammeService;
  availability: AvailabilityStore;
  search: SearchIndex;
  tokens: PlaybackTokens;
  audit: RightsAudit;
  now: () => Date;
  /** Lifetime of signed media URLs (PODIUM_PLAYBACK_TOKEN_TTL_SEC), capped by the rights. */
  tokenTtlSec: number;
  /** In-memory copy of the published catalog for lists (PODIUM_CATALOG_CACHE_SEC); absent = query per request. */
  snapshot?: PublishedSnapshot;
  /**
   * Signed URLs expire on multiples of this (PODIUM_PLAYBACK_TOKEN_BUCKET_SEC, the live channel's
   * too): every viewer of a region in one bucket gets the same URL, one CDN copy per region and bucket.
   */
  tokenBucketSec: number;
}

/** Tokens kept for reuse (bounded: cleared when full). */
const SIGNED_CACHE_MAX = 20_000;
/** Presented pages kept per region list (languages × pages; bounded: cleared when full). */
const PAGES_PER_LIST_MAX = 500;

export class ViewerCatalog {
  private readonly bucketSec: number;
  /** "programme region notAfterMs" → signed token. */
  private readonly signed = new Map<string, string>();
  /** A region's list from the snapshot → its pages already presented ("chain start end bucket" → page). Read-only. */
  private readonly pages = new WeakMap<readonly SnapshotEntry[], Map<string, { items: ProgrammeView[]; next: ListCursor | null }>>();
  constructor(private readonly deps: ViewerCatalogDeps) {
    this.bucketSec = deps.tokenBucketSec;
  }

  /** Every published programme the viewer's region may watch now, oldest first (all pages). */
  async list(viewer: Viewer): Promise<ProgrammeView[]> {
    return (await this.page(viewer, { limit: null })).items;
  }

  /**
   * One page of the viewer's list, oldest first: published programmes with a window open now for
   * the region, after `after` (keyset paging on (createdAt, id), stable while programmes are
   * added). Three queries whatever the page size: the page of programmes (the availability rule
   * in SQL, so pages are full), then their localizations and their windows.
   */
  async page(viewer: Viewer, opts: { limit: number | null; after?: ListCursor | null }): Promise<{ items: ProgrammeView[]; next: ListCursor | null }> {
    const { models, sequelize, snapshot } = this.deps;
    const now = this.deps.now();
    if (snapshot) return this.pageFromSnapshot(snapshot, viewer, opts, now);
    const qi = sequelize.getQueryInterface();
    const rule = availableNowSql(`${qi.quoteIdentifier('Programme')}.${qi.quoteIdentifier('id')}`, viewer.region, now, sequelize.getDialect());
    const after = opts.after;
    // Plain rows (raw): presenting needs only the columns, and model instances cost more than the query.
    const rows = (await models.Programme.findAll({
      raw: true,
      where: {
        [Op.and]: [
          { publishedAt: { [Op.ne]: null } },
          sequelize.literal(rule.where),
          ...(after ? [{ [Op.or]: [{ createdAt: { [Op.gt]: after.createdAt } }, { createdAt: after.createdAt, id: { [Op.gt]: after.id } }] }] : []),
        ],
      },
      replacements: rule.replacements,
      order: [['createdAt', 'ASC'], ['id', 'ASC']],
      ...(opts.limit === null ? {} : { limit: opts.limit + 1 }),
    })) as unknown as ProgrammeRow[];
    const more = opts.limit !== null && rows.length > opts.limit;
    const pageRows = more ? rows.slice(0, opts.limit!) : rows;
    const ids = pageRows.map((r) => r.id);
    const [locs, windows] = await Promise.all([this.localizationsOf(ids), this.deps.availability.windowsOf(ids)]);
    const items: ProgrammeView[] = [];
    for (const row of pageRows) {
      const w = windows.get(row.id) ?? [];
      // The SQL rule and decide() implement the same rule; re-checking keeps one source of truth.
      if (!decide(w, viewer.region, now).available) continue; // not audited per list: a list is not a request for this programme
      items.push(this.present(row, w, viewer, now, locs.get(row.id) ?? []));
    }
    const last = pageRows[pageRows.length - 1];
    return { items, next: more && last ? { createdAt: new Date(last.createdAt), id: last.id } : null };
  }

  /** The same page from the in-memory copy of the published catalog (no query). */
  private async pageFromSnapshot(snapshot: PublishedSnapshot, viewer: Viewer, opts: { limit: number | null; after?: ListCursor | null }, now: Date): Promise<{ items: ProgrammeView[]; next: ListCursor | null }> {
    const all = await snapshot.availableNow(viewer.region, now);
    const start = opts.after ? firstAfter(all, opts.after) : 0;
    const end = opts.limit === null ? all.length : Math.min(all.length, start + opts.limit);
    // A page is a pure function of the region's list (a new array whenever the catalog or a rights
    // edge changes it), the chain, the bounds and the signed URLs' expiry bucket: presented once.
    const bucket = bucketedExpiry(now.getTime(), this.deps.tokenTtlSec, this.bucketSec).getTime();
    const key = `${viewer.chain.join(',')} ${start} ${end} ${bucket}`;
    let pages = this.pages.get(all);
    const hit = pages?.get(key);
    if (hit) return hit;
    const items: ProgrammeView[] = [];
    for (let i = start; i < end; i++) items.push(this.present(all[i]!.row, all[i]!.windows, viewer, now, all[i]!.localizations));
    const last = all[end - 1];
    const page = { items, next: end < all.length && last ? { createdAt: new Date(last.createdMs), id: last.row.id } : null };
    if (!pages) this.pages.set(all, (pages = new Map()));
    if (pages.size >= PAGES_PER_LIST_MAX) pages.clear();
    pages.set(key, page);
    return page;
  }

  private async localizationsOf(ids: readonly string[]): Promise<Map<string, LocalizationRow[]>> {
    const out = new Map<string, LocalizationRow[]>();
    if (ids.length === 0) return out;
    const rows = (await this.deps.models.Localization.findAll({ where: { programmeId: [...ids] }, order: [['id', 'ASC']], raw: true })) as unknown as LocalizationRow[];
    for (const l of rows) {
      const list = out.get(l.programmeId);
      if (list) list.push(l);
      else out.set(l.programmeId, [l]);
    }
    return out;
  }

  /**
   * One programme; UnavailableError (→ 451) when published but not watchable here now.
   * `fromCopy`: read it from the in-memory copy of the published catalog when there is one (no
   * query; another server's writes show within the copy's TTL, as for lists) — for the watch page,
   * where the query was most of the server's time before the first frame. The API detail keeps
   * reading the database.
   */
  async get(id: string, viewer: Viewer, opts: { fromCopy?: boolean } = {}): Promise<ProgrammeView> {
    const { models, snapshot } = this.deps;
    if (opts.fromCopy && snapshot) {
      const entry = await snapshot.published(id);
      if (!entry) throw new CatalogError('not_found', `no programme ${id}`);
      const now = this.deps.now();
      this.check(id, entry.windows, viewer.region, now, 'detail');
      return this.present(entry.row, entry.windows, viewer, now, entry.localizations);
    }
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
   * Rights for a playlist request (re-checked on every playlist, against the clock): the programme
   * must be published and `renditionId` one of its renditions. Throws not_found or UnavailableError.
   * The channel slate is the one unpublished programme whose playlists are served: only a channel
   * mints tokens for it, and its windows are open everywhere.
   */
  async checkPlaylist(programmeId: string, region: string): Promise<void> {
    // A published programme's windows from the in-memory copy, as lists use (no query per playlist
    // request: a CDN's misses and players' loads of on-demand playlists are many); the slate, never
    // published, and a programme this copy does not hold yet are read from the database.
    const entry = this.deps.snapshot ? await this.deps.snapshot.published(programmeId) : null;
    if (entry) return this.check(programmeId, entry.windows, region, this.deps.now(), 'playlist');
    const row = await this.deps.models.Programme.findByPk(programmeId, { attributes: ['id', 'publishedAt', 'externalId'] });
    if (!row || (row.publishedAt === null && !isSlate(row))) throw new CatalogError('not_found', `no programme ${programmeId}`);
    this.check(programmeId, await this.deps.availability.windows(programmeId), region, this.deps.now(), 'playlist');
  }

  /**
   * checkPlaylist's allow, decided at once from the in-memory copy (audited as it is): true when
   * the copy holds the programme and the region may watch it now. Anything else — a refusal, the
   * slate, a copy still loading — is false and left to checkPlaylist (which answers and audits it).
   */
  playlistAllowedNow(programmeId: string, region: string): boolean {
    const entry = this.deps.snapshot?.peekPublished(programmeId);
    if (!entry || !decide(entry.windows, region, this.deps.now()).available) return false;
    this.deps.audit.record({ programmeId, region, decision: 'allow', reason: 'open', surface: 'playlist' });
    return true;
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

  private present(row: ProgrammeRow, windows: AvailabilityWindow[], viewer: Viewer, now: Date, localizations?: LocalizationRow[]): ProgrammeView {
    const until = availableUntil(windows, viewer.region, now);
    let token: string | undefined;
    return this.deps.catalog.view(row, {
      chain: viewer.chain,
      localizations,
      mediaUrl: (programmeId, renditionKey, file) => {
        if (!token) {
          // Expiry rounded up to a bucket boundary (stable URLs for a while, never shorter than the
          // TTL), never past the rights.
          const bucketed = bucketedExpiry(now.getTime(), this.deps.tokenTtlSec, this.bucketSec);
          const notAfter = until && until < bucketed ? until : bucketed;
          // The same (programme, region, expiry) signs to the same token: one HMAC per bucket, not per item and request.
          const key = `${programmeId} ${viewer.region} ${notAfter.getTime()}`;
          token = this.signed.get(key);
          if (!token) {
            if (this.signed.size >= SIGNED_CACHE_MAX) this.signed.clear();
            token = this.deps.tokens.sign({ programmeId, region: viewer.region, expiresAt: notAfter }).token;
            this.signed.set(key, token);
          }
        }
        const [pid, rid] = renditionKey.split('/') as [string, string];
        return signedMediaUrl(token, pid, rid, file);
      },
    });
  }
}

/** Index of the first entry after the cursor in (createdAt, id) order (binary search). */
function firstAfter(entries: readonly SnapshotEntry[], c: ListCursor): number {
  const t = c.createdAt.getTime();
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = entries[mid]!;
    if (e.createdMs < t || (e.createdMs === t && e.row.id <= c.id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function windowsOfRow(row: ProgrammeRow): AvailabilityWindow[] {
  return ((row as ProgrammeRow & { windows?: AvailabilityWindowRow[] }).windows ?? []).map(rowToWindow);
}
