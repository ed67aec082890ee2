// One entry of the day editor: its times in the channel's zone, its programme, the controls
// (time or "follows", up, down, remove), its regional alternatives, what the plan says of it
// (not ready; the regions that get something else instead) and the error a save named for it.
// planInfo also tells it of a loop's repeats (repeat-row.ts).
import { clear, h } from '../dom.js';
import type { PlanEntry, PlanRun, StudioProgramme } from '../types.js';
import type { LaidOut } from './draft.js';
import { programmeSearch } from './programme-search.js';
import { S } from './strings.js';
import { dateIn, formatLength, timeIn, zonedToUtc } from './zoned-time.js';

export interface EntryRowOptions {
  laid: LaidOut;
  index: number;
  count: number;
  zone: string;
  editable: boolean;
  title(programmeId: string): string;
  /** The plan's entry when the draft entry is as saved; null: it changed (or is new) since. */
  plan: PlanEntry | null;
  /** The message of a refused save naming this entry. */
  error: string | null;
  signal: AbortSignal;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  /** A pinned start (ms), or null to follow the previous entry. */
  onStart(start: number | null): void;
  /** Sets the region's alternative to a programme or the slate (null), or removes it (undefined). */
  onAlternative(region: string, programme: StudioProgramme | null | undefined): void;
}

const regionName = (r: string) => (r === '*' ? S.otherRegions : r);

/** What the plan says of one run of an entry: not ready, and what each region that gets something else gets instead. */
export function planInfo(plan: PlanRun | null, title: (programmeId: string) => string): HTMLElement {
  const box = h('div', { class: 'entry-plan' });
  if (!plan) return (box.append(h('p', { class: 'muted' }, S.saveFirst)), box);
  for (const p of plan.problems) box.append(h('p', { class: 'entry-problem', 'data-problem': p }, S.problem[p]));
  if (plan.conflicts.length === 0) {
    if (plan.problems.length === 0) box.append(h('p', { class: 'entry-ok' }, S.everywhereOk));
    return box;
  }
  box.append(
    h('p', { class: 'entry-instead' }, S.instead),
    h(
      'ul',
      { class: 'conflicts' },
      plan.regions
        .filter((r) => plan.conflicts.includes(r.region))
        .map((r) =>
          h(
            'li',
            { 'data-region': r.region },
            h('strong', {}, regionName(r.region)),
            ': ',
            S.inTurn(r.airs.map((a) => (a.programmeId === null ? S.slate : title(a.programmeId)))),
          ),
        ),
    ),
  );
  return box;
}

function alternatives(o: EntryRowOptions): HTMLElement {
  const alts = Object.entries(o.laid.entry.alternatives).sort(([a], [b]) => a.localeCompare(b));
  const details = h('details', { class: 'alts' }, h('summary', {}, S.alternatives(alts.length)));
  details.open = alts.length > 0;
  details.append(
    h(
      'ul',
      { class: 'alt-list' },
      alts.map(([region, id]) =>
        h(
          'li',
          { 'data-region': region },
          S.altArrow(region, id === null ? S.slate : o.title(id)),
          o.editable ? h('button', { type: 'button', class: 'button button--quiet alt-remove', onclick: () => o.onAlternative(region, undefined) }, S.remove) : null,
        ),
      ),
    ),
  );
  if (!o.editable) return details;
  const region = h('input', { class: 'alt-region', 'aria-label': S.altRegion, placeholder: S.altRegion, maxlength: 2, list: 'region-codes' });
  const problem = h('p', { class: 'error alt-error', role: 'alert' });
  const code = () => {
    const r = region.value.trim().toUpperCase();
    problem.textContent = /^[A-Z]{2}$/.test(r) && r !== 'WW' ? '' : S.altRegionBad;
    return problem.textContent ? null : r;
  };
  const form = h('div', { class: 'alt-form' }, region, h('button', { type: 'button', class: 'button button--quiet alt-slate', onclick: () => { const r = code(); if (r) o.onAlternative(r, null); } }, S.altSlate));
  let search: HTMLElement | null = null;
  const openSearch = h('button', { type: 'button', class: 'button button--quiet alt-find' }, S.search);
  openSearch.addEventListener('click', () => {
    search ??= programmeSearch({ id: `alt-${o.laid.entry.key}`, action: S.altUse, signal: o.signal, onPick: (p) => { const r = code(); if (r) o.onAlternative(r, p); } });
    if (!search.isConnected) details.append(search);
  });
  form.append(openSearch);
  details.append(form, problem);
  return details;
}

function startControl(o: EntryRowOptions): HTMLElement {
  const { laid, zone } = o;
  const shown = `${timeIn(laid.start, zone)}–${timeIn(laid.end, zone)}`;
  if (!o.editable) return h('span', { class: 'entry-time' }, shown);
  if (laid.entry.start === null && o.index > 0) {
    return h('span', { class: 'entry-time' }, shown, ' ', h('span', { class: 'muted' }, S.follows), ' ', h('button', { type: 'button', class: 'button button--quiet entry-pin', onclick: () => o.onStart(laid.start) }, S.pin));
  }
  const input = h('input', { type: 'time', step: 1, class: 'entry-start', value: timeIn(laid.start, zone), 'aria-label': S.pinned });
  input.addEventListener('change', () => {
    if (input.value) o.onStart(zonedToUtc(dateIn(laid.start, zone), input.value, zone));
  });
  return h(
    'span',
    { class: 'entry-time' },
    h('label', {}, S.pinned, ' ', input),
    ` –${timeIn(laid.end, zone)}`,
    o.index > 0 ? h('button', { type: 'button', class: 'button button--quiet entry-unpin', onclick: () => o.onStart(null) }, S.unpin) : null,
  );
}

export function entryRow(o: EntryRowOptions): HTMLElement {
  const { laid } = o;
  const row = h('li', {
    class: `entry${laid.overlaps ? ' entry--overlap' : ''}${o.error ? ' entry--refused' : ''}`,
    id: `entry-${o.index}`,
    tabindex: -1,
    'data-key': laid.entry.key,
    'data-stored': laid.entry.storedId,
    'data-programme': laid.entry.programmeId,
  });
  const controls = o.editable
    ? h(
        'span',
        { class: 'entry-controls' },
        h('button', { type: 'button', class: 'button button--quiet entry-up', disabled: o.index === 0, onclick: () => o.onMove(-1) }, S.moveUp),
        h('button', { type: 'button', class: 'button button--quiet entry-down', disabled: o.index === o.count - 1, onclick: () => o.onMove(1) }, S.moveDown),
        h('button', { type: 'button', class: 'button button--quiet entry-remove', onclick: () => o.onRemove() }, S.remove),
      )
    : null;
  clear(
    row,
    h(
      'div',
      { class: 'entry-head' },
      // Its place in the stored schedule, as the plan numbers it: what a repeat refers to.
      o.plan ? h('span', { class: 'entry-number' }, S.entryNumber(o.plan.number)) : null,
      startControl(o),
      h('span', { class: 'entry-title' }, o.title(laid.entry.programmeId)),
      h('span', { class: 'muted' }, formatLength(laid.end - laid.start)),
      controls,
    ),
    h('p', { class: 'error entry-error', role: 'alert' }, o.error ?? ''),
    planInfo(o.plan, o.title),
    alternatives(o),
  );
  return row;
}
