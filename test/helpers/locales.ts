// A temporary copy of locales/ for tests that save translations (the repository's files are never written).
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function tempLocales(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'podium-locales-')), 'locales');
  cpSync(path.join(ROOT, 'locales'), dir, { recursive: true });
  return dir;
}
