// npm run bench:search — search latency on 10 000 programmes × 6 locales (en, fr, es, zh-Hans,
// ja, ko) of generated sports titles, on SQLite (the default database; a temp file) and, with
// BENCH_PG=1, on PostgreSQL. Prints p50/p95 per query kind and the ratio to a baseline measured
// in the same run: a naive ranked LIKE scan over the raw text (what one writes without an index).
// Target: p95 < 20 ms. Env: BENCH_PROGRAMMES (10000), BENCH_ROUNDS (3), BENCH_PG, PODIUM_TEST_PG_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { createSearchIndex, searchMigrationUp, type SearchDocument, type SearchIndex, type SearchOptions } from '../../server/search/index.js';
import { pgSchema } from '../unit/server/search/helpers.js';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// Deterministic PRNG so every run indexes the same catalog.
let seed = 42;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const V = {
  en: { sport: ['Athletics', 'Swimming', 'Judo', 'Fencing', 'Gymnastics', 'Rowing', 'Cycling', 'Equestrian', 'Table tennis', 'Breaking', 'Surfing', 'Volleyball'], round: ['final', 'semi-final', 'heats', 'qualification', 'medal ceremony', 'highlights'], who: ['Women’s', 'Men’s', 'Mixed'], extra: ['record', 'gold medal', 'upset', 'comeback', 'photo finish'] },
  fr: { sport: ['Athlétisme', 'Natation', 'Judo', 'Escrime', 'Gymnastique', 'Aviron', 'Cyclisme', 'Équitation', 'Tennis de table', 'Breaking', 'Surf', 'Volley-ball'], round: ['finale', 'demi-finale', 'séries', 'qualifications', 'cérémonie des médailles', 'temps forts'], who: ['Femmes', 'Hommes', 'Mixte'], extra: ['record', 'médaille d’or', 'surprise', 'remontée', 'photo-finish'] },
  es: { sport: ['Atletismo', 'Natación', 'Judo', 'Esgrima', 'Gimnasia', 'Remo', 'Ciclismo', 'Equitación', 'Tenis de mesa', 'Breaking', 'Surf', 'Voleibol'], round: ['final', 'semifinal', 'series', 'clasificación', 'ceremonia de medallas', 'resumen'], who: ['Femenino', 'Masculino', 'Mixto'], extra: ['récord', 'medalla de oro', 'sorpresa', 'remontada', 'fotofinish'] },
  'zh-Hans': { sport: ['田径', '游泳', '柔道', '击剑', '体操', '赛艇', '自行车', '马术', '乒乓球', '霹雳舞', '冲浪', '排球'], round: ['决赛', '半决赛', '预赛', '资格赛', '颁奖仪式', '精彩集锦'], who: ['女子', '男子', '混合'], extra: ['纪录', '金牌', '爆冷', '逆转', '冲线'] },
  ja: { sport: ['陸上競技', '競泳', '柔道', 'フェンシング', '体操', 'ボート', '自転車', '馬術', '卓球', 'ブレイキン', 'サーフィン', 'バレーボール'], round: ['決勝', '準決勝', '予選', '予選ラウンド', '表彰式', 'ハイライト'], who: ['女子', '男子', '混合'], extra: ['記録', '金メダル', '番狂わせ', '逆転', '写真判定'] },
  ko: { sport: ['육상', '수영', '유도', '펜싱', '체조', '조정', '사이클', '승마', '탁구', '브레이킹', '서핑', '배구'], round: ['결승', '준결승', '예선', '예선 라운드', '시상식', '하이라이트'], who: ['여자', '남자', '혼성'], extra: ['기록', '금메달', '이변', '역전', '사진 판정'] },
} as const;
const CITIES = ['Paris 2024', 'Tokyo 2020', 'Rio 2016', 'London 2012', 'Beijing 2008', 'Athens 2004', 'Sydney 2000', 'Milano Cortina 2026'];
const LOCALES = Object.keys(V) as (keyof typeof V)[];

function catalog(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (let p = 0; p < PROGRAMMES; p++) {
    const id = `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`;
    const s = Math.floor(rnd() * 12);
    const r = Math.floor(rnd() * 6);
    const w = Math.floor(rnd() * 3);
    const city = pick(CITIES);
    const n = Math.floor(rnd() * 400) + 1;
    for (const l of LOCALES) {
      const v = V[l];
      const sep = l === 'zh-Hans' || l === 'ja' ? '' : ' ';
      docs.push({
        programmeId: id,
        locale: l,
        fields: {
          title: `${v.sport[s]}${sep}${v.who[w]}${sep}${v.round[r]} · ${city} #${n}`,
          shortTitle: `${v.sport[s]}${sep}${v.round[r]}`,
          synopsis: `${city}: ${v.who[w]}${sep}${v.sport[s]}${sep}${v.round[r]}${sep}${pick(v.extra)}${sep}${pick(v.extra)}.`,
        },
      });
    }
  }
  return docs;
}

const QUERIES: Record<string, string[]> = {
  'latin ≥3 chars': ['judo', 'final', 'natation', 'gymnastique finale', 'cyclisme', 'medal', 'record', 'paris', 'surf', 'tokyo judo'],
  'latin accent-free': ['athletisme', 'equitation', 'ceremonie', 'natacion', 'medaille', 'clasificacion', 'recorde', 'equitacion'],
  'CJK ≥3 chars': ['半决赛', '乒乓球', '金メダル', 'フェンシング', '準決勝', '하이라이트', '준결승', '자전거', '颁奖仪式', '서핑 결승'],
  'CJK 1–2 chars (gram index)': ['柔道', '游泳', '体操', '決勝', '卓球', '유도', '수영', '金牌', '逆转', '배구'],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Wall-clock and CPU milliseconds per query (CPU = this process, incl. SQLite's worker thread:
 * on a shared, oversubscribed machine it shows the cost of a query apart from waiting for a core). */
async function time(fn: () => Promise<unknown>, queries: string[], run: (q: string) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await run(q);
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

async function benchDialect(label: string, sequelize: Sequelize, docs: SearchDocument[]) {
  await searchMigrationUp({ context: sequelize.getQueryInterface() });
  const index: SearchIndex = createSearchIndex(sequelize);
  let t0 = Date.now();
  await sequelize.transaction(async (transaction) => index.upsertMany(docs, { transaction }));
  const indexSec = (Date.now() - t0) / 1000;

  // Baseline: raw text, no index, ranked like the real thing (title hits first), LIKE over all fields.
  await sequelize.query('CREATE TABLE naive_docs (programme_id VARCHAR(64), locale VARCHAR(35), title TEXT, short_title TEXT, synopsis TEXT)');
  t0 = Date.now();
  await sequelize.transaction(async (transaction) => {
    for (let i = 0; i < docs.length; i += 200) {
      const chunk = docs.slice(i, i + 200);
      await sequelize.query(`INSERT INTO naive_docs VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, {
        replacements: chunk.flatMap((d) => [d.programmeId, d.locale, d.fields.title, d.fields.shortTitle ?? '', d.fields.synopsis ?? '']),
        transaction,
      });
    }
  });
  // A programmes table with rights flags, as the catalog will have, for the subquery filter.
  await sequelize.query('CREATE TABLE bench_programmes (id VARCHAR(64) PRIMARY KEY, licensed INTEGER NOT NULL)');
  const allIdsForTable = [...new Set(docs.map((d) => d.programmeId))];
  for (let i = 0; i < allIdsForTable.length; i += 500) {
    const chunk = allIdsForTable.slice(i, i + 500);
    await sequelize.query(`INSERT INTO bench_programmes VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, {
      replacements: chunk.flatMap((id, j) => [id, (i + j) % 10 === 0 ? 0 : 1]),
    });
  }
  const like = sequelize.getDialect() === 'postgres' ? 'ILIKE' : 'LIKE';
  const naive = (q: string) =>
    sequelize.query(
      `SELECT programme_id, MIN(CASE WHEN title ${like} :p THEN 0 WHEN short_title ${like} :p THEN 1 ELSE 2 END) AS score
       FROM naive_docs WHERE (title || ' ' || short_title || ' ' || synopsis) ${like} :p
       GROUP BY programme_id ORDER BY score, programme_id LIMIT 20`,
      { replacements: { p: `%${q}%` } },
    );

  const allIds = [...new Set(docs.map((d) => d.programmeId))];
  const allowedSet = new Set(allIds.filter((_, i) => i % 10 !== 0)); // 90 % licensed in this region
  const modes: [string, SearchOptions][] = [
    ['no filter', {}],
    ['allowed: predicate (90 %)', { allowed: (id: string) => allowedSet.has(id) }],
    ['allowed: SQL IN (subquery)', { allowed: { sql: 'SELECT id FROM bench_programmes WHERE licensed = 1' } }],
    ['allowed: SQL EXISTS (correlated)', { allowed: { where: 'EXISTS (SELECT 1 FROM bench_programmes p WHERE p.id = d.programme_id AND p.licensed = 1)' } }],
  ];

  console.log(`\n${label} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs): ${PROGRAMMES} programmes × ${LOCALES.length} locales = ${docs.length} localizations; indexed in ${indexSec.toFixed(1)} s`);
  console.log('query kind                 | filter                           | wall p50 | wall p95 | cpu p95 | naive wall p50 | naive wall p95 | naive cpu p95 | p95 speed-up (wall, cpu)');
  const f = (n: number) => `${n.toFixed(2).padStart(6)}`;
  const all: number[] = [];
  const allCpu: number[] = [];
  const allNaive: number[] = [];
  for (const [kind, qs] of Object.entries(QUERIES)) {
    const base = await time(() => naive(qs[0]!), qs, naive);
    allNaive.push(...base.wall);
    for (const [mode, opts] of modes) {
      const t = await time(() => index.query(qs[0]!, opts), qs, (q) => index.query(q, { ...opts, limit: 20 }));
      all.push(...t.wall);
      allCpu.push(...t.cpu);
      const p95 = percentile(t.wall, 95);
      console.log(
        `${kind.padEnd(26)} | ${mode.padEnd(32)} | ${f(percentile(t.wall, 50))} | ${f(p95)} | ${f(percentile(t.cpu, 95))} | ${f(percentile(base.wall, 50))} | ${f(percentile(base.wall, 95))} | ${f(percentile(base.cpu, 95))} | ${(percentile(base.wall, 95) / p95).toFixed(1)}×, ${(percentile(base.cpu, 95) / percentile(t.cpu, 95)).toFixed(1)}×`,
      );
    }
  }
  for (const a of [all, allCpu, allNaive]) a.sort((x, y) => x - y);
  const p95 = percentile(all, 95);
  console.log(
    `${label} overall (ms): wall p50 ${percentile(all, 50).toFixed(2)}, wall p95 ${p95.toFixed(2)}, cpu p95 ${percentile(allCpu, 95).toFixed(2)}; ` +
      `naive baseline wall p95 ${percentile(allNaive, 95).toFixed(2)} → ${(percentile(allNaive, 95) / p95).toFixed(1)}× faster; target p95 < 20 ms: ${p95 < 20 ? 'met' : 'MISSED'} (load average now ${os.loadavg()[0]!.toFixed(1)})`,
  );
}

const docs = catalog();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-search-bench-'));
const sqlite = new Sequelize({ dialect: 'sqlite', storage: path.join(dir, 'bench.sqlite'), logging: false });
try {
  await sqlite.query('PRAGMA journal_mode = WAL');
  await benchDialect('SQLite (FTS5 trigram)', sqlite, docs);
} finally {
  await sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (process.env.BENCH_PG === '1') {
  const pg = await pgSchema('podium_search_bench');
  try {
    await benchDialect('PostgreSQL (pg_trgm)', pg.sequelize, docs);
  } finally {
    await pg.drop();
  }
}
