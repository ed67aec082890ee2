// npm run account:create: creates an account the server can sign in with; clear errors otherwise.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { tempDir } from '../../../helpers/media.js';
import { openDatabase } from '../../../../server/db/connection.js';
import { AccountStore, PasswordHasher } from '../../../../server/accounts/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function run(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/accounts/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('account:create CLI', function () {
  this.timeout(180_000); // five tsx processes; slow on a loaded machine

  it('creates an account with a hashed password (from PODIUM_ACCOUNT_PASSWORD or stdin), refuses duplicates and a bad role', async () => {
    const dataDir = await tempDir('podium-cli-');
    const env = { PODIUM_DATA_DIR: dataDir };
    const ok = run(['--email', 'Editor@Example.org', '--role', 'editor', '--name', 'Ed'], { ...env, PODIUM_ACCOUNT_PASSWORD: 'a long enough password' });
    expect(ok.code, ok.err).to.equal(0);
    expect(ok.out).to.match(/^created editor editor@example\.org/);
    const piped = run(['--email', 'tr@example.org', '--role', 'translator'], env, 'another long password\n');
    expect(piped.code, piped.err).to.equal(0);

    expect(run(['--email', 'editor@example.org', '--role', 'editor'], { ...env, PODIUM_ACCOUNT_PASSWORD: 'a long enough password' })).to.include({ code: 1 });
    const badRole = run(['--email', 'x@example.org', '--role', 'boss'], env);
    expect(badRole.code).to.equal(2);
    expect(badRole.err).to.include('--role must be one of admin, editor, translator');
    expect(run([], env).err).to.include('usage: npm run account:create');

    const sequelize = await openDatabase(`sqlite:${path.join(dataDir, 'podium.sqlite')}`);
    try {
      const found = await new AccountStore(sequelize).findForLogin('editor@example.org');
      expect(found?.account).to.include({ role: 'editor', displayName: 'Ed' });
      expect(found?.passwordHash).to.match(/^\$argon2id\$/);
      expect(await new PasswordHasher().verify(found!.passwordHash, 'a long enough password')).to.equal(true);
    } finally {
      await sequelize.close();
    }
  });
});
