// Availability windows per region: where (regions or WW, with exclusions) and when (UTC,
// an empty end = open-ended). Saved all at once with PUT /api/programmes/:id/availability.
import { api } from '../api.js';
import { clear, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { t } from '../i18n.js';
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
  title: () => t('availability.title'),
  permission: 'availability:write',
  render(ctx) {
    const rows = h('div', { id: 'windows' });
    const error = h('p', { class: 'error', role: 'alert', id: 'windows-error' });
    const datalist = h('datalist', { id: 'region-codes' });
    void regions().then((list) => clear(datalist, h('option', { value: 'WW' }, t('availability.worldwide')), list.map((r) => h('option', { value: r.code }, r.name))));

    const addRow = (w: StudioWindow) => {
      const remove = h('button', { type: 'button', class: 'button button--quiet', title: t('availability.removeTitle') }, t('common.remove'));
      const row = h(
        'div',
        { class: 'window-row' },
        h('label', {}, t('availability.regions'), h('input', { name: 'regions', value: w.regions.join(', '), list: 'region-codes', placeholder: 'CN, MO' })),
        h('label', {}, t('availability.except'), h('input', { name: 'exclude', value: w.exclude.join(', '), placeholder: 'HK' })),
        h('label', {}, t('availability.from'), h('input', { name: 'start', type: 'datetime-local', value: toInput(w.start), required: true })),
        h('label', {}, t('availability.until'), h('input', { name: 'end', type: 'datetime-local', value: toInput(w.end) })),
        remove,
      );
      remove.addEventListener('click', () => row.remove());
      rows.append(row);
    };

    const save = h('button', { type: 'button', class: 'button', id: 'windows-save' }, t('availability.save'));
    save.addEventListener('click', async () => {
      clearErrors(error);
      const windows = [...rows.querySelectorAll('.window-row')].map((row) => {
        const val = (n: string) => (row.querySelector(`[name="${n}"]`) as HTMLInputElement).value;
        return { regions: codes(val('regions')), exclude: codes(val('exclude')), start: fromInput(val('start')), end: fromInput(val('end')) };
      });
      try {
        await api(`/api/programmes/${ctx.programme.id}/availability`, { method: 'PUT', body: { windows } });
        ctx.toast(windows.length ? t('availability.saved') : t('availability.cleared'));
      } catch (err) {
        showError(err, error);
      }
    });

    for (const w of ctx.programme.windows) addRow(w);
    ctx.el.append(
      h('p', { class: 'muted' }, t('availability.help')),
      datalist,
      rows,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button button--quiet', id: 'windows-add', onclick: () => addRow({ regions: ['WW'], exclude: [], start: new Date().toISOString(), end: null }) }, t('availability.add')),
        save,
      ),
      error,
    );
  },
};
