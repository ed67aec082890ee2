// Pure aggregation of stored playbacks into the studio's figures, per programme and region:
// startup median and 95th percentile (nearest rank), rebuffering ratio (time stalled over
// time stalled plus time playing) and the play-time-weighted average bit rate.

export interface PlaybackRow {
  programmeId: string;
  region: string;
  startupMs: number | null;
  rebufferMs: number;
  playMs: number;
  avgBitrate: number;
}

export interface QoeSummaryRow {
  programmeId: string;
  region: string;
  playbacks: number;
  startupMedianMs: number | null;
  startupP95Ms: number | null;
  rebufferRatio: number;
  avgBitrate: number | null;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of ascending values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(rows: Iterable<PlaybackRow>): QoeSummaryRow[] {
  const groups = new Map<string, PlaybackRow[]>();
  for (const r of rows) {
    const key = `${r.programmeId}\u0000${r.region}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: QoeSummaryRow[] = [];
  for (const g of groups.values()) {
    const startups = g.map((r) => r.startupMs).filter((v): v is number => v !== null).sort((a, b) => a - b);
    const play = g.reduce((s, r) => s + r.playMs, 0);
    const stall = g.reduce((s, r) => s + r.rebufferMs, 0);
    const weighted = g.reduce((s, r) => s + r.avgBitrate * r.playMs, 0);
    out.push({
      programmeId: g[0]!.programmeId,
      region: g[0]!.region,
      playbacks: g.length,
      startupMedianMs: median(startups),
      startupP95Ms: percentile(startups, 95),
      rebufferRatio: play + stall > 0 ? stall / (play + stall) : 0,
      avgBitrate: play > 0 ? Math.round(weighted / play) : null,
    });
  }
  return out.sort((a, b) => b.playbacks - a.playbacks || a.programmeId.localeCompare(b.programmeId) || a.region.localeCompare(b.region));
}
