// /studio/qoe: the QoE summary (GET /api/qoe/summary) as a table. The studio's session cookie is
// sent when there is one; otherwise an editor's API token can be pasted (kept for the tab only,
// in sessionStorage). The studio is in English, like the rest of the editors' tools today.
export interface QoeRow {
  programmeId: string;
  title?: string | null;
  region: string;
  playbacks: number;
  startupMedianMs: number | null;
  startupP95Ms: number | null;
  rebufferRatio: number;
  avgBitrate: number | null;
}

const TOKEN_KEY = 'podium_studio_token';

function cell(tag: 'td' | 'th', text: string, numeric = false): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (numeric) el.className = 'num';
  if (tag === 'th') el.setAttribute('scope', 'col');
  return el;
}

export function renderTable(rows: readonly QoeRow[], locale = 'en'): HTMLElement {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const mbps = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabit-per-second', maximumFractionDigits: 2 });
  const table = document.createElement('table');
  table.className = 'qoe-table';
  const head = document.createElement('tr');
  for (const h of ['Programme', 'Region', 'Playbacks', 'Startup median (ms)', 'Startup p95 (ms)', 'Rebuffering', 'Average bit rate']) head.append(cell('th', h));
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.programmeId = r.programmeId;
    tr.dataset.region = r.region;
    tr.append(
      cell('td', r.title ? `${r.title} (${r.programmeId.slice(0, 8)})` : r.programmeId),
      cell('td', r.region),
      cell('td', n.format(r.playbacks), true),
      cell('td', r.startupMedianMs === null ? '–' : n.format(r.startupMedianMs), true),
      cell('td', r.startupP95Ms === null ? '–' : n.format(r.startupP95Ms), true),
      cell('td', pct.format(r.rebufferRatio), true),
      cell('td', r.avgBitrate === null ? '–' : mbps.format(r.avgBitrate / 1e6), true),
    );
    body.append(tr);
  }
  return table;
}

async function load(token: string | null): Promise<void> {
  const status = document.getElementById('qoe-status')!;
  const form = document.getElementById('qoe-auth') as HTMLFormElement;
  status.textContent = 'Loading…';
  const res = await fetch('/api/qoe/summary', { credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status === 401 || res.status === 403) {
    status.textContent = res.status === 401 ? 'Sign in, or paste an editor API token.' : 'This needs the editor role.';
    form.hidden = false;
    return;
  }
  if (!res.ok) {
    status.textContent = `The summary could not be loaded (HTTP ${res.status}).`;
    return;
  }
  const body = (await res.json()) as { items: QoeRow[] };
  status.textContent = body.items.length ? '' : 'No beacons yet.';
  document.getElementById('qoe-table')!.replaceChildren(renderTable(body.items, navigator.language));
}

function main(): void {
  const form = document.getElementById('qoe-auth') as HTMLFormElement;
  const input = document.getElementById('qoe-token') as HTMLInputElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    void load(input.value.trim());
  });
  void load(sessionStorage.getItem(TOKEN_KEY));
}

main();
