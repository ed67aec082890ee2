// Rights decisions for audit: programme, region, decision, reason, where. No personal data — no
// IP, account, user agent or session goes in. Repeats of the same decision within `dedupeSec`
// are counted rather than written, so a player fetching segments does not flood the log.
import type { RightsReason } from './windows.js';
import type { TokenFailure } from './tokens.js';

export type RightsSurface = 'list' | 'search' | 'detail' | 'playlist' | 'segment';

export interface RightsAuditEntry {
  at: string;
  programmeId: string;
  region: string;
  decision: 'allow' | 'deny';
  reason: RightsReason | TokenFailure;
  surface: RightsSurface;
  /** Identical decisions folded into this entry since the previous one was written. */
  repeats: number;
}

export interface RightsAuditOptions {
  /** Where entries go, e.g. `(e) => logger.info({ audit: 'rights', ...e }, 'rights decision')`. */
  sink: (entry: RightsAuditEntry) => void;
  now?: () => Date;
  /** 0 writes every decision. Default 60. */
  dedupeSec?: number;
  /** Bound on remembered keys. Default 10 000. */
  maxKeys?: number;
}

export interface RightsAudit {
  record(e: Omit<RightsAuditEntry, 'at' | 'repeats'>): void;
}

export function createRightsAudit(opts: RightsAuditOptions): RightsAudit {
  const now = opts.now ?? (() => new Date());
  const dedupeMs = (opts.dedupeSec ?? 60) * 1000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const seen = new Map<string, { at: number; repeats: number }>();
  return {
    record(e) {
      const t = now().getTime();
      const key = `${e.programmeId}|${e.region}|${e.decision}|${e.reason}|${e.surface}`;
      const prev = seen.get(key);
      if (dedupeMs > 0 && prev && t - prev.at < dedupeMs) {
        prev.repeats++;
        return;
      }
      if (seen.size >= maxKeys) seen.clear();
      if (dedupeMs > 0) seen.set(key, { at: t, repeats: 0 });
      opts.sink({
        at: new Date(t).toISOString(),
        programmeId: e.programmeId,
        region: e.region,
        decision: e.decision,
        reason: e.reason,
        surface: e.surface,
        repeats: prev?.repeats ?? 0,
      });
    },
  };
}
