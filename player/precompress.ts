// Precompressed copies of the built player, written beside each text file at build time
// (app.js → app.js.br, app.js.gz), so the server sends the smallest coding a browser accepts
// without compressing anything per request (server/http/precompressed.ts).
//
// Brotli at its highest quality (11) and gzip at 9: slow, but paid once per build rather than per
// viewer. Brotli 11 of the ~1 MB main chunk takes 1.5 s; every file is compressed on zlib's
// thread pool at once, so the build waits about that long. Source maps get gzip only: brotli 11
// of the main chunk's 4.4 MB map takes 7 s for a file only devtools ask for, gzip 9 of it 0.3 s.
// A copy is kept only when it is smaller than its file. zlib writes no timestamp in a gzip
// header, so the copies are as deterministic as the build.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { PrecompressedCoding, PrecompressedSuffixes } from '../server/contracts/index.js';

const SUFFIX: PrecompressedSuffixes = { br: '.br', gzip: '.gz' };
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The codings each kind of file gets; other files (the chunks' legal notes) are sent as they are. */
const CODINGS_BY_EXTENSION: Readonly<Record<string, readonly PrecompressedCoding[]>> = {
  '.js': ['br', 'gzip'],
  '.css': ['br', 'gzip'],
  '.html': ['br', 'gzip'],
  '.svg': ['br', 'gzip'],
  '.json': ['br', 'gzip'],
  '.map': ['gzip'],
};

function compress(bytes: Buffer, coding: PrecompressedCoding): Promise<Buffer> {
  if (coding === 'gzip') return gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION });
  return brotli(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** A file below the folder and the size of each copy written beside it. */
export interface PrecompressedFile {
  file: string;
  bytes: number;
  copies: Partial<Record<PrecompressedCoding, number>>;
}

/** Writes the copies of every file below `dir` that has codings (see above); returns what it wrote. */
export async function precompress(dir: string): Promise<PrecompressedFile[]> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
  return Promise.all(
    names
      .filter((file) => CODINGS_BY_EXTENSION[path.extname(file)])
      .sort()
      .map(async (file) => {
        const bytes = await readFile(path.join(dir, file));
        const copies: PrecompressedFile['copies'] = {};
        await Promise.all(
          CODINGS_BY_EXTENSION[path.extname(file)]!.map(async (coding) => {
            const encoded = await compress(bytes, coding);
            if (encoded.length >= bytes.length) return;
            await writeFile(path.join(dir, file + SUFFIX[coding]), encoded);
            copies[coding] = encoded.length;
          }),
        );
        return { file: file.split(path.sep).join('/'), bytes: bytes.length, copies };
      }),
  );
}
