// Migration 0070 (accounts.language) on SQLite and PostgreSQL: a new account has none, the store
// keeps and clears an editor's choice, and down() removes the column so up() can run again.
import { expect } from 'chai';
import { DataTypes } from 'sequelize';
import { AccountStore } from '../../../../server/accounts/index.js';
import { migrate } from '../../../../server/db/migrate.js';
import { down, up } from '../../../../server/db/migrations/0070-account-language.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

for (const [name, open] of [
  ['SQLite', () => sqliteTestDb('podium-mig-language-')],
  ['PostgreSQL', () => postgresTestDb('podium_mig_language')],
] as const) {
  describe(`migration 0070-account-language (${name})`, function () {
    this.timeout(60_000);
    let db: TestDb;
    before(async () => {
      db = await open();
      await migrate(db.sequelize);
    });
    after(() => db?.close());

    it('an account has no language until the editor chooses one; the choice is kept and cleared', async () => {
      const store = new AccountStore(db.sequelize);
      const a = await store.createAccount({ email: `mei-${Date.now()}@podium.test`, role: 'editor' });
      expect((await store.findById(a.id))!.language).to.equal(null);
      await store.update(a.id, { language: 'zh-Hant-HK' });
      expect((await store.findById(a.id))!.language).to.equal('zh-Hant-HK');
      await store.update(a.id, { language: null });
      expect((await store.findById(a.id))!.language).to.equal(null);
    });

    it('down() removes the column and up() adds it again', async () => {
      const qi = db.sequelize.getQueryInterface();
      const columns = async () => Object.keys(await qi.describeTable(db.sequelize.getDialect() === 'postgres' ? { tableName: 'accounts', schema: await schemaOf(db) } : 'accounts'));
      await db.sequelize.transaction((transaction) => down({ qi, transaction, DataTypes }));
      expect(await columns()).to.not.include('language');
      await db.sequelize.transaction((transaction) => up({ qi, transaction, DataTypes }));
      expect(await columns()).to.include('language');
    });
  });
}

async function schemaOf(db: TestDb): Promise<string> {
  const [rows] = await db.sequelize.query('SELECT current_schema() AS s');
  return (rows as { s: string }[])[0]!.s;
}
