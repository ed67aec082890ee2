// /studio/qoe: quality of experience from the players' beacons (GET /api/qoe/summary), per
// programme and region: playbacks, startup median and 95th percentile, rebuffering ratio and
// average bit rate. Programmes are named by their title (English, else their first
// localization) and link to their studio page; regions by name. The editor's studio session
// is all it needs (the summary is a GET: no CSRF token).
import { api, ApiFailure } from '../api.js';
import { clear, h } from '../dom.js';
import type { StudioPage } from '../router.js';
import type { QoeSummaryRow, StudioProgramme } from '../types.js';
import { displayTitle } from './programmes.js';

const PERIODS: ReadonlyArray<{ value: string; label: string; hours: number | null }> = [
  { value: 'all', label: 'All time', hours: null },
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { value: '30d', label: 'Last 30 days', hours: 24 * 30 },
];

const LOCALE = 'en-GB';
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const ms = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 2 });
const mbps = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'megabit-per-second', maximumFractionDigits: 2 });
const regionNames = new Intl.DisplayNames([LOCALE], { type: 'region', fallback: 'code' });

/** "Hong Kong (HK)"; the worldwide and unknown codes in words. */
export function regionLabel(code: string): string {
  if (code === 'ZZ') return 'Unknown region';
  if (code === 'WW') return 'Worldwide';
  try {
    const name = regionNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** Titles of the programmes in the summary: the studio list, then one request per programme it lacks. */
async function titlesFor(ids: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const { items } = await api<{ items: StudioProgramme[] }>('/api/studio/programmes', { signal });
  for (const p of items) titles.set(p.id, displayTitle(p));
  for (const id of ids) {
    if (titles.has(id)) continue;
    try {
      titles.set(id, displayTitle(await api<StudioProgramme>(`/api/studio/programmes/${encodeURIComponent(id)}`, { signal })));
    } catch (err) {
      if (!(err instanceof ApiFailure && err.status === 404)) throw err;
    }
  }
  return titles;
}

function num(text: string): HTMLTableCellElement {
  return h('td', { class: 'num' }, text);
}

export function qoeTable(rows: readonly QoeSummaryRow[], titles: ReadonlyMap<string, string>): HTMLTableElement {
  return h(
    'table',
    { class: 'table qoe-table', id: 'qoe-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Programme', 'Region'].map((c) => h('th', { scope: 'col' }, c)),
        ['Playbacks', 'Startup median', 'Startup p95', 'Rebuffering', 'Average bit rate'].map((c) => h('th', { scope: 'col', class: 'num' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) => {
        const title = titles.get(r.programmeId);
        return h(
          'tr',
          { 'data-programme-id': r.programmeId, 'data-region': r.region },
          h('td', {}, title ? h('a', { href: `/studio/programmes/${r.programmeId}` }, title) : h('span', { class: 'muted', title: r.programmeId }, 'Deleted programme')),
          h('td', {}, regionLabel(r.region)),
          num(count.format(r.playbacks)),
          num(r.startupMedianMs === null ? '–' : ms.format(r.startupMedianMs)),
          num(r.startupP95Ms === null ? '–' : ms.format(r.startupP95Ms)),
          num(pct.format(r.rebufferRatio)),
          num(r.avgBitrate === null ? '–' : mbps.format(r.avgBitrate / 1e6)),
        );
      }),
    ),
  );
}

export const qoePage: StudioPage = {
  path: '/studio/qoe',
  title: 'Quality of experience',
  nav: 'Quality',
  // the permission GET /api/qoe/summary asks for (editors and admins)
  permission: 'qoe:read',
  async render(ctx) {
    const period = PERIODS.find((p) => p.value === ctx.query.get('period')) ?? PERIODS[0]!;
    const select = h(
      'select',
      { id: 'qoe-period', 'aria-label': 'Period' },
      PERIODS.map((p) => h('option', { value: p.value, selected: p === period }, p.label)),
    );
    select.addEventListener('change', () => ctx.navigate(select.value === 'all' ? '/studio/qoe' : `/studio/qoe?period=${select.value}`));
    const body = h('div', { id: 'qoe-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
    ctx.main.append(
      h('div', { class: 'page-head' }, h('h1', {}, 'Quality of experience'), select),
      h(
        'p',
        { class: 'muted' },
        'From the players’ beacons, per programme and region: time from pressing play to the first frame (median and 95th percentile), share of watching time spent rebuffering, and the bit rate weighted by time played.',
      ),
      body,
    );
    const since = period.hours === null ? '' : `?since=${encodeURIComponent(new Date(Date.now() - period.hours * 3600_000).toISOString())}`;
    const { items } = await api<{ items: QoeSummaryRow[] }>(`/api/qoe/summary${since}`, { signal: ctx.signal });
    if (items.length === 0) {
      clear(body, h('p', { class: 'muted', id: 'qoe-empty' }, 'No playbacks reported in this period.'));
      return;
    }
    const titles = await titlesFor([...new Set(items.map((r) => r.programmeId))], ctx.signal);
    clear(body, qoeTable(items, titles));
  },
};
