// Where each namespace's keys are used in code: the one list the check, the translator's editor
// ("used in file:line") and the XLIFF export read. The studio's client is inside server/ but has
// its own namespace; extractFromRoots() gives a file to the most specific root holding it.
import path from 'node:path';
import type { SourceRoot } from './usage.js';

/** The source roots of the repository at `root` (default: paths relative to the working directory). */
export function sourceRoots(root = ''): SourceRoot[] {
  return [
    { dir: path.join(root, 'player', 'src'), namespace: 'player' },
    { dir: path.join(root, 'server', 'studio', 'client'), namespace: 'studio' },
    { dir: path.join(root, 'server'), namespace: 'server' },
  ];
}
