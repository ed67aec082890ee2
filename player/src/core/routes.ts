// Client-side routes. Pure: parsePath(location.pathname) → Route; no DOM access.

export type Route =
  | { name: 'home' }
  | { name: 'programme'; id: string }
  | { name: 'watch'; id: string }
  | { name: 'channel'; id: string }
  | { name: 'search' }
  | { name: 'notFound' };

const WITH_ID = /^\/(watch|programme|channel)\/([^/]+)\/?$/;

export function parsePath(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { name: 'home' };
  if (pathname === '/search' || pathname === '/search/') return { name: 'search' };
  const m = WITH_ID.exec(pathname);
  if (m) {
    let id: string;
    try {
      id = decodeURIComponent(m[2]!);
    } catch {
      return { name: 'notFound' };
    }
    if (id.length > 0) return { name: m[1] as 'watch' | 'programme' | 'channel', id };
  }
  return { name: 'notFound' };
}

export function watchPath(id: string): string {
  return `/watch/${encodeURIComponent(id)}`;
}

export function programmePath(id: string): string {
  return `/programme/${encodeURIComponent(id)}`;
}

/** A live channel's page (issue 12). */
export function channelPath(id: string): string {
  return `/channel/${encodeURIComponent(id)}`;
}
