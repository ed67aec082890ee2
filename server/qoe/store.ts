// QoeStore: beacons in, summary out. The SQL implementation keeps one row per playback and
// replaces it only with a beacon of a higher sequence number (beacons carry running totals,
// so the latest wins and a lost or reordered beacon costs nothing). Portable SQL only.
import { QueryTypes, type Sequelize } from 'sequelize';
import { summarize, type QoeSummaryRow } from './aggregate.js';
import { QOE_TABLE } from './migration.js';
import { UNKNOWN_REGION, type Beacon } from './schema.js';

export interface QoeStore {
  record(beacons: readonly Beacon[]): Promise<void>;
  summary(filter?: { programmeId?: string; since?: Date }): Promise<QoeSummaryRow[]>;
}

interface Row {
  programme_id: string;
  region: string;
  startup_ms: number | string | null;
  rebuffer_ms: number | string;
  play_ms: number | string;
  avg_bitrate: number | string;
}

export class SqlQoeStore implements QoeStore {
  constructor(private readonly sequelize: Sequelize) {}

  private q(name: string): string {
    return this.sequelize.getQueryInterface().quoteIdentifier(name);
  }

  async record(beacons: readonly Beacon[]): Promise<void> {
    const t = this.q(QOE_TABLE);
    const now = new Date();
    await this.sequelize.transaction(async (transaction) => {
      for (const b of beacons) {
        const values = [b.programmeId, b.region ?? UNKNOWN_REGION, b.seq, b.startupMs, b.rebufferMs, b.playMs, b.switches, b.avgBitrate, b.errors];
        const [, updated] = await this.sequelize.query(
          `UPDATE ${t} SET programme_id = ?, region = ?, seq = ?, startup_ms = ?, rebuffer_ms = ?, play_ms = ?, switches = ?, avg_bitrate = ?, errors = ?, updated_at = ? WHERE playback_id = ? AND seq < ?`,
          { replacements: [...values, now, b.playbackId, b.seq], transaction, type: QueryTypes.UPDATE },
        );
        if (updated > 0) continue;
        const exists = await this.sequelize.query(`SELECT 1 AS one FROM ${t} WHERE playback_id = ?`, { replacements: [b.playbackId], transaction, type: QueryTypes.SELECT });
        if (exists.length) continue; // an older or repeated beacon
        await this.sequelize.query(
          `INSERT INTO ${t} (playback_id, programme_id, region, seq, startup_ms, rebuffer_ms, play_ms, switches, avg_bitrate, errors, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          { replacements: [b.playbackId, ...values, now, now], transaction, type: QueryTypes.INSERT },
        );
      }
    });
  }

  async summary(filter: { programmeId?: string; since?: Date } = {}): Promise<QoeSummaryRow[]> {
    const where: string[] = [];
    const replacements: unknown[] = [];
    if (filter.programmeId) {
      where.push('programme_id = ?');
      replacements.push(filter.programmeId);
    }
    if (filter.since) {
      where.push('updated_at >= ?');
      replacements.push(filter.since);
    }
    const rows = await this.sequelize.query<Row>(
      `SELECT programme_id, region, startup_ms, rebuffer_ms, play_ms, avg_bitrate FROM ${this.q(QOE_TABLE)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      { replacements, type: QueryTypes.SELECT },
    );
    return summarize(
      rows.map((r) => ({
        programmeId: r.programme_id,
        region: r.region,
        startupMs: r.startup_ms === null ? null : Number(r.startup_ms),
        rebufferMs: Number(r.rebuffer_ms),
        playMs: Number(r.play_ms),
        avgBitrate: Number(r.avg_bitrate),
      })),
    );
  }
}
