// Builds the browser app into player/dist: app.js (+ map) from src/main.ts, app.css (our styles
// with video.js's skin bundled in) and index.html. Deterministic: no hashes or timestamps, so
// the same sources give the same files. Run with `npm run build:player`, or import buildPlayer().
import { build, type BuildOptions } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PLAYER_SRC_DIR = path.join(here, 'src');
export const PLAYER_DIST_DIR = path.join(here, 'dist');
/** Copied as they are from src/ into dist/. */
const STATIC_FILES = ['index.html', 'favicon.svg'];

export interface BuildPlayerOptions {
  outDir?: string;
  /** Minified by default (source maps keep it debuggable); pass false to read the output. */
  minify?: boolean;
  logLevel?: BuildOptions['logLevel'];
}

export interface BuildPlayerResult {
  outDir: string;
  files: string[];
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
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(PLAYER_SRC_DIR, 'main.ts')],
      outfile: path.join(outDir, 'app.js'),
      format: 'esm',
      platform: 'browser',
      target: ['chrome100', 'firefox100', 'safari15'],
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
    build({
      ...common,
      entryPoints: [path.join(PLAYER_SRC_DIR, 'styles.css')],
      outfile: path.join(outDir, 'app.css'),
      loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
    }),
    ...STATIC_FILES.map((file) => copyFile(path.join(PLAYER_SRC_DIR, file), path.join(outDir, file))),
  ]);
  return { outDir, files: [...STATIC_FILES, 'app.js', 'app.js.map', 'app.css', 'app.css.map'] };
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
