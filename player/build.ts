// Builds the browser app into player/dist: app.js (+ map) from src/main.ts, app.css (our styles
// with video.js's skin bundled in) and index.html, then a brotli and a gzip copy beside each text
// file (precompress.ts). Deterministic: no timestamps, and the only hashes are the chunks' names,
// made from their content, so the same sources give the same files. Run with
// `npm run build:player`, or import buildPlayer().
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlayerChunkDir } from '../server/contracts/index.js';
import { precompress, type PrecompressedFile } from './precompress.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PLAYER_SRC_DIR = path.join(here, 'src');
export const PLAYER_DIST_DIR = path.join(here, 'dist');
/** Copied as they are from src/ into dist/ (index.html is rewritten: see injectPreloads). */
const STATIC_FILES = ['favicon.svg'];
/** Where the chunks go, named from their content (the server caches them for ever). */
const CHUNK_DIR: PlayerChunkDir = 'chunks';

/**
 * video.js's ES build does `import window from 'global/window'` (and `global/document`), two
 * CommonJS modules whose export *is* the global object. esbuild's ESM interop wraps such an
 * export by copying every own property name onto a namespace object with a getter each; for
 * `window` that is well over a thousand properties, 60–130 ms of main-thread time before the
 * first frame on a loaded machine (profiled: `__copyProps`). ES imports get a one-line ES module
 * instead; `require()` callers (videojs-vtt.js, @videojs/xhr) keep the original.
 */
const globalObjectShims: Plugin = {
  name: 'global-object-shims',
  setup(b) {
    b.onResolve({ filter: /^global\/(window|document)(\.js)?$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path.replace(/\.js$/, ''), namespace: 'global-shim' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'global-shim' }, (args) => ({
      contents: args.path === 'global/window' ? 'export default typeof window !== "undefined" ? window : globalThis;' : 'export default document;',
      loader: 'js',
    }));
  },
};

export interface BuildPlayerOptions {
  outDir?: string;
  /** Minified by default (source maps keep it debuggable); pass false to read the output. */
  minify?: boolean;
  logLevel?: BuildOptions['logLevel'];
}

export interface BuildPlayerResult {
  outDir: string;
  files: string[];
  /** Every file that got compressed copies, with their sizes. */
  precompressed: PrecompressedFile[];
}

export async function buildPlayer(options: BuildPlayerOptions = {}): Promise<BuildPlayerResult> {
  const outDir = options.outDir ?? PLAYER_DIST_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    sourcemap: true,
    minify: options.minify ?? true,
    logLevel: options.logLevel ?? 'warning',
    legalComments: 'linked',
    absWorkingDir: path.resolve(here, '..'),
  };
  const [js] = await Promise.all([
    // app.js is a tiny entry that starts the first requests; the app (video.js + hls.js) and
    // each video.js language are chunks loaded from it (code splitting).
    build({
      ...common,
      entryPoints: {
        app: path.join(PLAYER_SRC_DIR, 'main.ts'),
      },
      outdir: outDir,
      splitting: true,
      chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      target: ['chrome100', 'firefox100', 'safari15'],
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [globalObjectShims],
    }),
    // The prefetch worker as one file (no shared chunks): one request before it starts fetching.
    build({
      ...common,
      entryPoints: [path.join(PLAYER_SRC_DIR, 'prefetch-worker.ts')],
      outfile: path.join(outDir, 'prefetch-worker.js'),
      format: 'esm',
      platform: 'browser',
      target: ['chrome100', 'firefox100', 'safari15'],
    }),
    // The first frame's script (server/http/routes/watch-page.ts puts it in /watch/:id): a classic
    // script, so it runs the moment it arrives (async), before the module graph.
    build({
      ...common,
      entryPoints: [path.join(PLAYER_SRC_DIR, 'first-frame.ts')],
      outfile: path.join(outDir, 'first-frame.js'),
      format: 'iife',
      platform: 'browser',
      target: ['chrome100', 'firefox100', 'safari15'],
    }),
    build({
      ...common,
      entryPoints: [path.join(PLAYER_SRC_DIR, 'styles.css')],
      outfile: path.join(outDir, 'app.css'),
      loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
    }),
    ...STATIC_FILES.map((file) => copyFile(path.join(PLAYER_SRC_DIR, file), path.join(outDir, file))),
  ]);
  const entry = staticChunksOf(js.metafile!, outDir, 'app.js');
  const app = dynamicAppChunk(js.metafile!, outDir).filter((f) => !entry.includes(f));
  const html = await readFile(path.join(PLAYER_SRC_DIR, 'index.html'), 'utf8');
  await writeFile(path.join(outDir, 'index.html'), injectPreloads(html, [...new Set(entry)], [...new Set(app)]));
  const precompressed = await precompress(outDir);
  return { outDir, files: ['index.html', ...STATIC_FILES, 'app.js', 'app.js.map', 'app.css', 'app.css.map', 'prefetch-worker.js', 'first-frame.js'], precompressed };
}

type Metafile = NonNullable<Awaited<ReturnType<typeof build>>['metafile']>;

function outputKey(meta: Metafile, outDir: string, file: string): string | undefined {
  return Object.keys(meta.outputs).find((k) => path.resolve(path.resolve(here, '..'), k) === path.join(outDir, file));
}

/** Chunks app.js imports statically (they must load before it runs). */
function staticChunksOf(meta: Metafile, outDir: string, file: string): string[] {
  const key = outputKey(meta, outDir, file);
  if (!key) return [];
  return meta.outputs[key]!.imports.filter((i) => i.kind === 'import-statement').map((i) => path.relative(outDir, path.resolve(path.resolve(here, '..'), i.path)));
}

/** The chunk holding app-main.ts (video.js + hls.js), imported dynamically by app.js. */
function dynamicAppChunk(meta: Metafile, outDir: string): string[] {
  for (const [key, out] of Object.entries(meta.outputs)) {
    if (out.entryPoint?.endsWith('app-main.ts')) {
      const rel = path.relative(outDir, path.resolve(path.resolve(here, '..'), key));
      return [rel, ...staticChunksOf(meta, outDir, rel)];
    }
  }
  return [];
}

/**
 * `<link rel=modulepreload>` for the entry's chunks, and for the app chunks so they download
 * while app.js runs. The app chunks' links are marked `data-app-chunk`: a page whose first frame
 * plays without the app (server/http/routes/watch-page.ts) drops them, so compiling ~1 MB of
 * JavaScript does not compete with that first frame for the main thread.
 */
export function injectPreloads(html: string, entryChunks: string[], appChunks: string[] = []): string {
  const link = (f: string, attr = '') => `    <link rel="modulepreload" href="/${f.split(path.sep).join('/')}"${attr} />`;
  const links = [...entryChunks.map((f) => link(f)), ...appChunks.map((f) => link(f, ' data-app-chunk'))].join('\n');
  return html.replace('    <!-- preloads -->', links);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = Date.now();
  buildPlayer({ minify: !process.argv.includes('--no-minify') })
    .then(({ outDir }) => console.log(`player built into ${path.relative(process.cwd(), outDir) || '.'} in ${Date.now() - started} ms`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
