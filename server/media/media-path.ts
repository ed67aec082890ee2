// The names of media files a request may reach. Every path segment is decoded once and checked
// (no `..`, no slashes or backslashes, no NUL or colon, no hidden names); the store then confirms
// the file's real path (symlinks resolved) lies inside its media folder (DiskMediaStore.locate).

/** Longest request path (still percent-encoded) looked at; longer ones are no media file. */
const MAX_ENCODED_PATH = 1024;

/** One decoded path segment that names a file or folder inside a rendition: never a way out. */
export function isSafeMediaSegment(d: string): boolean {
  return Boolean(d) && d !== '.' && d !== '..' && !d.startsWith('.') && !/[/\\\0:]/.test(d);
}

/**
 * A request path (`/<programmeId>/<renditionId>/<file…>`, still percent-encoded) → its segments,
 * each decoded exactly once and checked; null when any segment is unsafe or undecodable.
 */
export function decodeMediaPath(encodedPath: string): string[] | null {
  if (encodedPath.length > MAX_ENCODED_PATH) return null;
  const segments = encodedPath.split('/').filter((s, i) => !(i === 0 && s === ''));
  if (segments.length === 0) return null;
  const decoded: string[] = [];
  for (const s of segments) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return null;
    }
    if (!isSafeMediaSegment(d)) return null;
    decoded.push(d);
  }
  return decoded;
}

/** Decoded segments → the rendition key (`<programmeId>/<renditionId>`) and the file below it. */
export function splitRenditionPath(segments: readonly string[]): { renditionKey: string; file: string } | null {
  if (segments.length < 3) return null;
  return { renditionKey: `${segments[0]}/${segments[1]}`, file: segments.slice(2).join('/') };
}
