// The studio's pages: a table of { path, title, permission, render }. The shell shows the pages
// the signed-in role may use in the navigation bar and renders the one matching the URL.
// Add a page: write server/studio/client/pages/<name>.ts exporting a StudioPage and list it in
// pages/index.ts (see server/studio/README.md).
import type { Me } from './api.js';

export interface StudioContext {
  me: Me;
  /** The page's container (emptied before render). */
  main: HTMLElement;
  /** `:name` parts of the path. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the user leaves the page: close EventSources, stop uploads' UI updates… */
  signal: AbortSignal;
  navigate(path: string): void;
  toast(message: string, kind?: 'ok' | 'error'): void;
  can(permission: string): boolean;
}

export interface StudioPage {
  /** e.g. "/studio/programmes/:id" */
  path: string;
  /** Document title, in the editor's language (called at each render: the language may change). */
  title(): string;
  /** Label in the navigation bar; pages without one are reached by links. */
  nav?(): string;
  /** Needed to see the page (see server/accounts/roles.ts). */
  permission?: string;
  render(ctx: StudioContext): void | Promise<void>;
}

export function matchPage(pages: readonly StudioPage[], pathname: string): { page: StudioPage; params: Record<string, string> } | null {
  const clean = pathname.replace(/\/+$/, '') || '/';
  for (const page of pages) {
    const names: string[] = [];
    const re = new RegExp(
      '^' + page.path.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, n: string) => (names.push(n), '([^/]+)')) + '$',
    );
    const m = re.exec(clean);
    if (m) return { page, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}
