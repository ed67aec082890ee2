// The import rules of docs/design.md ("Layers"), checked by `npm run lint:layers` (part of
// `npm test`); test/unit/layers.test.ts breaks each rule on purpose to show the check fails.
// Paths are relative to the folder depcruise runs in (the repo root).

const path = require('node:path');

/** Domain folders: they know no HTTP, no studio and no express (routes call them, never the reverse). */
const DOMAIN = '^server/(catalog|channel|rights|regions|search|locale-fallback|i18n|db|media|jobs|qoe|accounts)/';

/** Issue 11's catalog split removes this cycle (see no-value-cycles). */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'transcoder-standalone',
      severity: 'error',
      comment: 'transcoder/ is a library: the app passes it paths, binaries and callbacks; it imports nothing of server/ or player/.',
      from: { path: '^transcoder/' },
      to: { path: '^(server|player)/' },
    },
    {
      name: 'player-via-contracts',
      severity: 'error',
      comment: 'player/ talks to the server over HTTP; of the server side it may import only the shared contracts (server/contracts/).',
      from: { path: '^player/' },
      to: { path: '^server/', pathNot: '^server/contracts/' },
    },
    {
      name: 'player-contracts-type-only',
      severity: 'error',
      comment: 'player/ imports the shared contracts with `import type` only, so no server code reaches the browser bundle.',
      from: { path: '^player/' },
      to: { path: '^server/contracts/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-http',
      severity: 'error',
      comment: 'Domain folders know no HTTP: routes (server/http/) call the domain, never the reverse.',
      from: { path: DOMAIN },
      to: { path: ['^server/http/', '^server/studio/', '^server/app[.]ts$'] },
    },
    {
      name: 'domain-no-express',
      severity: 'error',
      comment: 'Domain folders know no express (request and response objects belong to server/http/).',
      from: { path: DOMAIN },
      to: { path: ['(^|/)node_modules/(express|@types/express|express-serve-static-core|@types/express-serve-static-core)/', '^express$'] },
    },
    {
      name: 'no-value-cycles',
      severity: 'error',
      comment:
        'No circular value imports: a cycle makes module load order matter (a class used before it is defined). ' +
        'Cycles made only of `import type` vanish at run time and are allowed.',
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^player/dist/', '(^|/)[.]tmp/'] },
    // `import type` edges are seen (and marked type-only), so the player's contracts rule can check them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    // NodeNext's `./x.js` in a .ts file is resolved to ./x.ts by dependency-cruiser itself.
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
    skipAnalysisNotInRules: true,
  },
};
