// Many processes starting at the same moment on one PostgreSQL database: each opens its own pool
// and migrates; the advisory lock makes them take turns, so every migration runs exactly once and
// none of them fails on a table another one is creating.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { openDatabase } from '../../../../server/db/connection.js';
import { migrate, migrationNames } from '../../../../server/db/migrate.js';
import { postgresTestSchema } from '../../../helpers/databases.js';

describe('migrations on PostgreSQL started by many processes at once', function () {
  this.timeout(120_000);

  it('apply each migration once, whoever wins; the others find nothing to do', async () => {
    const pg = await postgresTestSchema('podium_migrate');
    const pools: Sequelize[] = [];
    try {
      for (let i = 0; i < 5; i++) pools.push(await openDatabase(pg.url, undefined, { max: 3, min: 0 }));
      const applied = await Promise.all(pools.map((s) => migrate(s)));
      const all = migrationNames().map((f) => f.replace(/\.(ts|js)$/, ''));
      expect(applied.flat().sort()).to.deep.equal([...all].sort());
      expect(applied.filter((a) => a.length > 0)).to.have.length(1);
      const rows = await pools[0]!.query<{ name: string }>('SELECT name FROM podium_migrations', { type: QueryTypes.SELECT });
      expect(rows.map((r) => r.name).sort()).to.deep.equal([...all].sort());
    } finally {
      await Promise.all(pools.map((s) => s.close()));
      await pg.drop();
    }
  });
});
