// Locale-aware formatting with Intl. Pure.

/** "1:05:03" / "4:07" for hours or minutes; null for unknown durations. */
export function formatDuration(totalSec: number | null | undefined): string | null {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec) || totalSec < 0) return null;
  const s = Math.round(totalSec);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** Keep ?lang= on internal links so a shared URL opens in the same language. */
export function withLangQuery(path: string, currentSearch: string): string {
  const lang = new URLSearchParams(currentSearch).get('lang');
  return lang ? `${path}?lang=${encodeURIComponent(lang)}` : path;
}
