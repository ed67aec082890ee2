// Availability windows per region: where (regions or WW, with exclusions) and when (UTC,
// an empty end = open-ended). Saved all at once with PUT /api/programmes/:id/availability.
import { api, ApiFailure } from '../api.js';
import { clear, h } from '../dom.js';
import { regions } from '../regions.js';
import type { StudioWindow } from '../types.js';
import type { ProgrammeSection } from './index.js';

/** ISO instant → value of an <input type="datetime-local"> in UTC. */
function toInput(iso: string | null): string {
  return iso ? new Date(iso).toISOString().slice(0, 16) : '';
}

function fromInput(v: string): string | null {
  return v ? new Date(`${v}:00Z`).toISOString() : null;
}

const codes = (v: string) =>
  v
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

export const availabilitySection: ProgrammeSection = {
  id: 'availability',
  title: 'Availability (rights windows)',
  permission: 'availability:write',
  render(ctx) {
    const rows = h('div', { id: 'windows' });
    const error = h('p', { class: 'error', role: 'alert', id: 'windows-error' });
    const datalist = h('datalist', { id: 'region-codes' });
    void regions().then((list) => clear(datalist, h('option', { value: 'WW' }, 'Worldwide'), list.map((r) => h('option', { value: r.code }, r.name))));

    const addRow = (w: StudioWindow) => {
      const remove = h('button', { type: 'button', class: 'button button--quiet', title: 'Remove this window' }, 'Remove');
      const row = h(
        'div',
        { class: 'window-row' },
        h('label', {}, 'Regions (WW = worldwide)', h('input', { name: 'regions', value: w.regions.join(', '), list: 'region-codes', placeholder: 'CN, MO' })),
        h('label', {}, 'Except', h('input', { name: 'exclude', value: w.exclude.join(', '), placeholder: 'e.g. HK' })),
        h('label', {}, 'From (UTC)', h('input', { name: 'start', type: 'datetime-local', value: toInput(w.start), required: true })),
        h('label', {}, 'Until (UTC, empty = open)', h('input', { name: 'end', type: 'datetime-local', value: toInput(w.end) })),
        remove,
      );
      remove.addEventListener('click', () => row.remove());
      rows.append(row);
    };

    const save = h('button', { type: 'button', class: 'button', id: 'windows-save' }, 'Save availability');
    save.addEventListener('click', async () => {
      error.textContent = '';
      const windows = [...rows.querySelectorAll('.window-row')].map((row) => {
        const val = (n: string) => (row.querySelector(`[name="${n}"]`) as HTMLInputElement).value;
        return { regions: codes(val('regions')), exclude: codes(val('exclude')), start: fromInput(val('start')), end: fromInput(val('end')) };
      });
      try {
        await api(`/api/programmes/${ctx.programme.id}/availability`, { method: 'PUT', body: { windows } });
        ctx.toast(windows.length ? 'Availability saved' : 'Availability cleared: no region may watch it');
      } catch (err) {
        error.textContent = err instanceof ApiFailure ? err.message : String(err);
      }
    });

    for (const w of ctx.programme.windows) addRow(w);
    ctx.el.append(
      h('p', { class: 'muted' }, 'A viewer may watch the programme when their region is in a window (and not excepted) between its start and end. No window: nowhere.'),
      datalist,
      rows,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button button--quiet', id: 'windows-add', onclick: () => addRow({ regions: ['WW'], exclude: [], start: new Date().toISOString(), end: null }) }, 'Add window'),
        save,
      ),
      error,
    );
  },
};
