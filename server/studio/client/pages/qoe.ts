// /studio/qoe: quality of experience from the players' beacons (GET /api/qoe/summary), per
// programme and region: playbacks, startup median and 95th percentile, rebuffering ratio and
// average bit rate. Programmes are named by their title (English, else their first
// localization) and link to their studio page; regions by name. The editor's studio session
// is all it needs (the summary is a GET: no CSRF token).
import { api, ApiFailure } from '../api.js';
import { clear, h } from '../dom.js';
import { formatNumber, formatPercent, formatUnit } from '../format.js';
import { locale, t } from '../i18n.js';
import type { StudioPage } from '../router.js';
import type { QoeSummaryRow, StudioProgramme } from '../types.js';
import { displayTitle } from './programmes.js';

const PERIODS: ReadonlyArray<{ value: string; label: () => string; hours: number | null }> = [
  { value: 'all', label: () => t('qoe.allTime'), hours: null },
  { value: '24h', label: () => t('qoe.last24h'), hours: 24 },
  { value: '7d', label: () => t('qoe.last7d'), hours: 24 * 7 },
  { value: '30d', label: () => t('qoe.last30d'), hours: 24 * 30 },
];

/** "Hong Kong (HK)"; the worldwide and unknown codes in words. */
export function regionLabel(code: string): string {
  if (code === 'ZZ') return t('qoe.unknownRegion');
  if (code === 'WW') return t('availability.worldwide');
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'region', fallback: 'code' }).of(code);
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
        [t('programme.title'), t('qoe.region')].map((c) => h('th', { scope: 'col' }, c)),
        [t('qoe.playbacks'), t('qoe.startupMedian'), t('qoe.startupP95'), t('qoe.rebuffering'), t('qoe.bitrate')].map((c) => h('th', { scope: 'col', class: 'num' }, c)),
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
          h('td', {}, title ? h('a', { href: `/studio/programmes/${r.programmeId}` }, title) : h('span', { class: 'muted', title: r.programmeId }, t('qoe.deleted'))),
          h('td', {}, regionLabel(r.region)),
          num(formatNumber(r.playbacks)),
          num(r.startupMedianMs === null ? '–' : formatUnit(r.startupMedianMs, 'millisecond')),
          num(r.startupP95Ms === null ? '–' : formatUnit(r.startupP95Ms, 'millisecond')),
          num(formatPercent(r.rebufferRatio, 2)),
          num(r.avgBitrate === null ? '–' : formatUnit(r.avgBitrate / 1e6, 'megabit-per-second', 2)),
        );
      }),
    ),
  );
}

export const qoePage: StudioPage = {
  path: '/studio/qoe',
  title: () => t('qoe.title'),
  nav: () => t('qoe.nav'),
  // the permission GET /api/qoe/summary asks for (editors and admins)
  permission: 'qoe:read',
  async render(ctx) {
    const period = PERIODS.find((p) => p.value === ctx.query.get('period')) ?? PERIODS[0]!;
    const select = h(
      'select',
      { id: 'qoe-period', 'aria-label': t('qoe.period') },
      PERIODS.map((p) => h('option', { value: p.value, selected: p === period }, p.label())),
    );
    select.addEventListener('change', () => ctx.navigate(select.value === 'all' ? '/studio/qoe' : `/studio/qoe?period=${select.value}`));
    const body = h('div', { id: 'qoe-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
    ctx.main.append(
      h('div', { class: 'page-head' }, h('h1', {}, t('qoe.title')), select),
      h(
        'p',
        { class: 'muted' },
        t('qoe.help'),
      ),
      body,
    );
    const since = period.hours === null ? '' : `?since=${encodeURIComponent(new Date(Date.now() - period.hours * 3600_000).toISOString())}`;
    const { items } = await api<{ items: QoeSummaryRow[] }>(`/api/qoe/summary${since}`, { signal: ctx.signal });
    if (items.length === 0) {
      clear(body, h('p', { class: 'muted', id: 'qoe-empty' }, t('qoe.empty')));
      return;
    }
    const titles = await titlesFor([...new Set(items.map((r) => r.programmeId))], ctx.signal);
    clear(body, qoeTable(items, titles));
  },
};
