// npm run account:create -- --email you@example.org --role admin|editor|translator [--name "Display name"]
// Creates a studio account in the configured database (same environment as the server:
// PODIUM_DATA_DIR / DATABASE_URL), running pending migrations first. The password comes from
// PODIUM_ACCOUNT_PASSWORD, else is asked for on the terminal (not echoed), else read from stdin.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { AccountService } from './service.js';
import { AccountStore } from './store.js';
import { PasswordHasher } from './passwords.js';
import { LoginRateLimiter, MemoryRateLimitStore } from './rate-limit.js';
import { isRole, ROLES } from './roles.js';

const USAGE = `usage: npm run account:create -- --email <address> --role <${ROLES.join('|')}> [--name <display name>]`;

function fail(message: string, code = 2): never {
  process.stderr.write(`account:create: ${message}\n`);
  process.exit(code);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PODIUM_ACCOUNT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    fail('no password: set PODIUM_ACCOUNT_PASSWORD or pipe it on stdin');
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const out = rl as unknown as { _writeToOutput(s: string): void };
      out._writeToOutput = (s) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password (12+ characters): ');
  if ((await ask('Again: ')) !== first) fail('the two passwords differ');
  return first;
}

async function main(): Promise<void> {
  let values: { email?: string; role?: string; name?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, allowPositionals: false }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.email || !values.role) fail(USAGE);
  if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`, 1);
    throw err;
  }
  const password = await readPassword();
  const sequelize = await openDatabase(config.database);
  try {
    await migrate(sequelize);
    const store = new AccountStore(sequelize);
    if (await store.findForLogin(values.email)) fail(`an account ${values.email} already exists`, 1);
    const service = new AccountService({ store, hasher: new PasswordHasher(), limiter: new LoginRateLimiter({ store: new MemoryRateLimitStore() }) });
    const account = await service.createAccount({ email: values.email, role: values.role, password, displayName: values.name ?? '' });
    process.stdout.write(`created ${account.role} ${account.email} (${account.id})\n`);
  } catch (err) {
    if (err instanceof ZodError) fail(`${err.issues[0]?.path.join('.') || 'input'}: ${err.issues[0]?.message}`);
    throw err;
  } finally {
    await sequelize.close();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err), 1));
