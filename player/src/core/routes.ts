// Client-side routes. Pure: parsePath(location.pathname) → Route; no DOM access.

export type Route =
  | { name: 'home' }
  | { name: 'watch'; id: string }
  | { name: 'notFound' };

const WATCH = /^\/watch\/([^/]+)\/?$/;

export function parsePath(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { name: 'home' };
  const m = WATCH.exec(pathname);
  if (m) {
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return { name: 'notFound' };
    }
    if (id.length > 0) return { name: 'watch', id };
  }
  return { name: 'notFound' };
}

export function watchPath(id: string): string {
  return `/watch/${encodeURIComponent(id)}`;
}
