// The layer check (`npm run lint:layers`, .dependency-cruiser.cjs) must fail when a rule is
// broken: a small tree with one breach of each rule, and the imports the rules allow, is cruised
// with the repo's own config and dependency-cruiser's own CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/** File → source. Breaches are named bad-*; everything else is allowed by the rules. */
const TREE: Record<string, string> = {
  'server/catalog/ok.ts': `export const ok = 1;\n`,
  'server/contracts/programme.ts': `export interface ProgrammeItem { id: string }\nexport const LIMIT = 1;\n`,
  'server/http/errors.ts': `export class ApiError extends Error {}\n`,
  // allowed: a route imports express and the domain
  'server/http/routes/fine.ts': `import { Router } from 'express';\nimport { ok } from '../../catalog/ok.js';\nexport const r = [Router, ok];\n`,
  // allowed: the player imports a contract, type-only
  'player/src/good.ts': `import type { ProgrammeItem } from '../../server/contracts/programme.js';\nexport const f = (p: ProgrammeItem) => p.id;\n`,
  // allowed: a cycle with a type-only edge is no cycle at run time
  'server/regions/c.ts': `import { d } from './d.js';\nexport class C {}\nexport const c = d;\n`,
  'server/regions/d.ts': `import type { C } from './c.js';\nexport const d = 1;\nexport type Alias = C;\n`,

  'transcoder/bad-server.ts': `import { ok } from '../server/catalog/ok.js';\nexport const t = ok;\n`,
  'player/src/bad-server.ts': `import type { ok } from '../../server/catalog/ok.js';\nexport type T = typeof ok;\n`,
  'player/src/bad-contract.ts': `import { LIMIT } from '../../server/contracts/programme.js';\nexport const l = LIMIT;\n`,
  'server/catalog/bad-http.ts': `import { ApiError } from '../http/errors.js';\nexport const e = ApiError;\n`,
  'server/search/bad-express.ts': `import type { RequestHandler } from 'express';\nexport type H = RequestHandler;\n`,
  'server/jobs/bad-a.ts': `import { b } from './bad-b.js';\nexport const a = () => b;\n`,
  'server/jobs/bad-b.ts': `import { a } from './bad-a.js';\nexport const b = () => a;\n`,
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

describe('layer check (dependency-cruiser)', function () {
  let dir: string;
  /** As `npm run lint:layers` runs it (its exit status fails `npm test`), and as JSON to read. */
  let check: ReturnType<typeof cruise>;
  let json: ReturnType<typeof cruise>;

  function cruise(outputType: 'err' | 'json') {
    return spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', outputType, 'server', 'transcoder', 'player'], { cwd: dir, encoding: 'utf8' });
  }

  before(() => {
    // Inside the repo (.tmp/ is ignored) so that `express` resolves to the repo's node_modules.
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'layers-'));
    for (const [file, source] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), source);
    }
    check = cruise('err');
    json = cruise('json');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails (non-zero exit) when the tree breaks the rules', () => {
    // depcruise exits with the number of error-level violations
    expect(check.status, check.stderr).to.equal(6);
    expect(check.stdout).to.include('error domain-no-express: server/search/bad-express.ts');
  });

  it('names each breach with its rule, and lets the allowed imports pass', () => {
    const result = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
    const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
    expect(found).to.deep.equal(
      [
        'domain-no-express: server/search/bad-express.ts → node_modules/express/index.js',
        'domain-no-http: server/catalog/bad-http.ts → server/http/errors.ts',
        'no-value-cycles: server/jobs/bad-a.ts → server/jobs/bad-b.ts',
        'player-contracts-type-only: player/src/bad-contract.ts → server/contracts/programme.ts',
        'player-via-contracts: player/src/bad-server.ts → server/catalog/ok.ts',
        'transcoder-standalone: transcoder/bad-server.ts → server/catalog/ok.ts',
      ].sort(),
    );
    expect(result.summary.violations.every((v) => v.rule.severity === 'error')).to.equal(true);
  });
});
