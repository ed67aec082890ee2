// The day editor of a channel: the entries starting in one day of its time zone, laid out from
// the programmes' lengths with the slate between them; add (search), reorder, remove, pin a time,
// regional alternatives; saved as one write of that day with If-Match. A 409 (someone saved in
// between) keeps the editor's draft on screen, shows their version and takes its ETag, so the
// next save is a deliberate choice. The plan endpoint tells, per saved entry, whether it is
// ready and which regions get something else; for a loop channel it also gives the repeats that
// air this day (computed by the server from the live channel's own timeline), shown read-only in
// time order after the day's entries, with the slate between them, each linked to its entry.
import { apiResponse, ApiFailure } from '../api.js';
import { errorText } from '../errors.js';
import { append as appendTo, clear, h } from '../dom.js';
import { displayTitle } from '../pages/programmes.js';
import { regions } from '../regions.js';
import type { StudioContext } from '../router.js';
import type { EditorChannel, SchedulePlan, StoredEntry, StudioProgramme } from '../types.js';
import { append, fromStored, layout, move, remove, toWrite, unchanged, update, type DayFrame, type DraftEntry } from './draft.js';
import { entryRow } from './entry-row.js';
import { repeatRow } from './repeat-row.js';
import { programmeSearch } from './programme-search.js';
import { S } from './strings.js';
import { addDays, dayStart, formatLength, timeIn } from './zoned-time.js';

interface Known {
  title: string;
  durationMs: number;
}

interface State {
  frame: DayFrame;
  etag: string;
  stored: Map<string, StoredEntry>;
  carried: StoredEntry | null;
  draft: DraftEntry[];
  saved: string;
  plan: SchedulePlan | null;
  errors: Map<number, string>;
  general: string;
  theirs: StoredEntry[] | null;
}

/** The day editor of `date` in `el`; `focus`: a stored entry's id to scroll to (a repeat's link). */
export async function dayView(ctx: StudioContext, channel: EditorChannel, date: string, el: HTMLElement, focus: string | null = null): Promise<void> {
  const zone = channel.timezone;
  const editable = ctx.can('channel:write');
  const frame: DayFrame = { from: dayStart(date, zone), to: dayStart(addDays(date, 1), zone), carriedEnd: null };
  const base = `/api/channels/${encodeURIComponent(channel.id)}/schedule`;
  const known = new Map<string, Known>();
  const title = (id: string) => known.get(id)?.title ?? S.untitled;
  const length = (id: string) => known.get(id)?.durationMs ?? 0;
  let state: State;

  const learnStored = (entries: readonly StoredEntry[]) => {
    for (const e of entries) if (!known.has(e.programmeId)) known.set(e.programmeId, { title: S.untitled, durationMs: Date.parse(e.end) - Date.parse(e.start) });
  };
  const learnPlan = (plan: SchedulePlan) => {
    for (const p of Object.values(plan.programmes)) {
      const t = p.titles.en ?? Object.values(p.titles)[0] ?? S.untitled;
      known.set(p.id, { title: t, durationMs: p.durationSec ? Math.round(p.durationSec * 1000) : known.get(p.id)?.durationMs ?? 0 });
    }
  };

  const learn = (p: StudioProgramme) => {
    known.set(p.id, { title: displayTitle(p), durationMs: Math.round((p.durationSec ?? 0) * 1000) });
    return p;
  };

  const readDay = async () => {
    const q = `?from=${encodeURIComponent(new Date(frame.from).toISOString())}&to=${encodeURIComponent(new Date(frame.to).toISOString())}`;
    const [{ data, headers }, plan] = await Promise.all([
      apiResponse<{ entries: StoredEntry[] }>(base + q, { signal: ctx.signal }),
      apiResponse<SchedulePlan>(`/api/studio/channels/${encodeURIComponent(channel.id)}/plan${q}`, { signal: ctx.signal }).then((r) => r.data),
    ]);
    learnStored(data.entries);
    learnPlan(plan);
    const carried = data.entries.find((e) => Date.parse(e.start) < frame.from) ?? null;
    frame.carriedEnd = carried ? Date.parse(carried.end) : null;
    return { etag: headers.get('etag') ?? '', entries: data.entries, carried, plan };
  };

  const write = (draft: readonly DraftEntry[]) => toWrite(layout(draft, length, frame), frame);
  const load = async () => {
    const day = await readDay();
    const draft = fromStored(day.entries, frame);
    state = { frame, etag: day.etag, stored: new Map(day.entries.map((e) => [e.id, e])), carried: day.carried, draft, saved: JSON.stringify(write(draft)), plan: day.plan, errors: new Map(), general: '', theirs: null };
  };

  const change = (draft: DraftEntry[]) => {
    state.draft = draft;
    state.errors.clear();
    state.general = '';
    render();
  };

  const save = async (button: HTMLButtonElement) => {
    button.disabled = true;
    button.textContent = S.saving;
    try {
      await apiResponse(base, { method: 'PUT', body: write(state.draft), headers: { 'If-Match': state.etag } });
      const draftBefore = state.draft;
      await load();
      // Keep the editor's keys where the entries are the same, so nothing jumps.
      if (state.draft.length === draftBefore.length) state.draft = state.draft.map((e, i) => ({ ...e, key: draftBefore[i]!.key }));
      ctx.toast(S.saved);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 409) {
        // Someone saved in between: take their ETag and show their day; the draft stays as it is.
        const day = await readDay();
        Object.assign(state, { etag: day.etag, stored: new Map(day.entries.map((e) => [e.id, e])), carried: day.carried, plan: day.plan, theirs: day.entries.filter((e) => Date.parse(e.start) >= frame.from), general: '' });
      } else if (err instanceof ApiFailure && err.field && /^entries\.\d+\./.test(err.field)) {
        state.errors = new Map([[Number(err.field.split('.')[1]), errorText(err)]]);
      } else state.general = errorText(err);
    }
    render();
  };

  const conflictBanner = () =>
    state.theirs &&
    h(
      'div',
      { class: 'card notice conflict', id: 'schedule-conflict', role: 'alert' },
      h('p', {}, h('strong', {}, S.conflictTitle)),
      h('p', {}, S.conflictBody),
      h('h3', {}, S.theirs),
      h('ol', { class: 'theirs' }, state.theirs.map((e) => h('li', {}, `${timeIn(Date.parse(e.start), zone)}–${timeIn(Date.parse(e.end), zone)} `, title(e.programmeId)))),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--quiet',
          id: 'take-theirs',
          onclick: () => {
            state.draft = fromStored(state.theirs!, frame);
            state.saved = JSON.stringify(write(state.draft));
            state.theirs = null;
            render();
          },
        },
        S.takeTheirs,
      ),
    );

  const slateRow = (from: number, to: number) => h('li', { class: 'gap' }, S.slateRun(timeIn(from, zone), timeIn(to, zone), formatLength(to - from)));

  /** Scrolls to the stored entry `entryId` on this day's list and marks it; false when it is not there. */
  const reveal = (entryId: string): boolean => {
    const row = [...list.querySelectorAll<HTMLElement>('li.entry[data-stored]')].find((r) => r.dataset.stored === entryId);
    if (!row) return false;
    for (const other of list.querySelectorAll('.entry--focus')) other.classList.remove('entry--focus');
    row.classList.add('entry--focus');
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
    return true;
  };

  /**
   * A loop channel's day after the entries shown (from `after`): the repeats the plan lists and the
   * slate between them, in time order, as saved. Null when no repeat airs then.
   */
  const repeatRows = (after: number, dirty: boolean): HTMLElement[] | null => {
    const plan = state.plan;
    const repeats = plan?.repeats.filter((r) => Date.parse(r.end) > after) ?? [];
    if (!plan || repeats.length === 0) return null;
    // Past the last repeat listed, the slate rows would stand for repeats left out.
    const until = plan.repeatsLeftOut > 0 ? Date.parse(repeats.at(-1)!.end) : frame.to;
    const timed: { at: number; row: HTMLElement }[] = repeats.map((r) => ({
      at: Date.parse(r.start),
      row: repeatRow({ repeat: r, channelId: channel.id, zone, date, dayFrom: frame.from, title, reveal }),
    }));
    for (const g of plan.gaps) {
      const from = Math.max(Date.parse(g.start), after);
      const to = Math.min(Date.parse(g.end), until);
      if (from < to) timed.push({ at: from, row: slateRow(from, to) });
    }
    timed.sort((a, b) => a.at - b.at);
    return [
      dirty ? h('li', { class: 'gap', id: 'repeats-as-saved' }, S.repeatsAsSaved) : null,
      ...timed.map((t) => t.row),
      plan.repeatsLeftOut > 0 ? h('li', { class: 'gap', id: 'repeats-left-out' }, S.repeatsLeftOut(plan.repeatsLeftOut)) : null,
    ].filter((r): r is HTMLElement => r !== null);
  };

  const list = h('ol', { class: 'day', id: 'day-entries' });
  const bar = h('div', { class: 'savebar' });
  const general = h('p', { class: 'error', role: 'alert', id: 'day-error' });
  const picker = editable
    ? programmeSearch({
        id: 'add',
        action: S.add,
        signal: ctx.signal,
        onPick: (p) => change(append(state.draft, learn(p).id)),
      })
    : null;

  function render(): void {
    const laid = layout(state.draft, length, frame);
    const planned = new Map((state.plan?.entries ?? []).map((e) => [e.id, e]));
    const dirty = JSON.stringify(write(state.draft)) !== state.saved;
    const lastEnd = laid.at(-1)?.end ?? Math.max(frame.from, frame.carriedEnd ?? frame.from);
    const repeats = channel.loop ? repeatRows(lastEnd, dirty) : null;
    const rows: HTMLElement[] = [];
    if (state.carried) {
      const number = planned.get(state.carried.id)?.number;
      rows.push(
        h(
          'li',
          { class: 'entry entry--carried', tabindex: -1, 'data-stored': state.carried.id },
          number ? h('span', { class: 'entry-number' }, S.entryNumber(number)) : null,
          number ? ' ' : null,
          `${timeIn(Date.parse(state.carried.start), zone)}–${timeIn(Date.parse(state.carried.end), zone)} `,
          title(state.carried.programmeId),
          ' ',
          h('span', { class: 'muted' }, S.carriedIn),
        ),
      );
    }
    if (laid.length === 0 && !repeats) rows.push(h('li', { class: 'gap' }, S.emptyDay));
    laid.forEach((l, i) => {
      if (l.gapBefore > 0) rows.push(slateRow(l.start - l.gapBefore, l.start));
      rows.push(
        entryRow({
          laid: l,
          index: i,
          count: laid.length,
          zone,
          editable,
          title,
          plan: unchanged(l, state.stored) ? (planned.get(l.entry.storedId!) ?? null) : null,
          error: state.errors.get(i) ?? null,
          signal: ctx.signal,
          onMove: (delta) => change(move(state.draft, i, delta)),
          onRemove: () => change(remove(state.draft, i)),
          onStart: (start) => change(update(state.draft, i, { start })),
          onAlternative: (region, programme) => {
            const alternatives = { ...l.entry.alternatives };
            if (programme === undefined) delete alternatives[region];
            else alternatives[region] = programme && learn(programme).id;
            change(update(state.draft, i, { alternatives }));
          },
        }),
      );
    });
    if (repeats) {
      // The entries shown, then the loop starting again.
      if (rows.length > 0) rows.push(h('li', { class: 'loop-again', id: 'loop-again' }, S.loopAgain));
      rows.push(...repeats);
    } else if (laid.length > 0 && lastEnd < frame.to) rows.push(slateRow(lastEnd, frame.to));
    clear(list, rows);
    general.textContent = state.general;
    clear(
      bar,
      editable ? h('button', { type: 'button', class: 'button', id: 'day-save', disabled: !dirty && !state.theirs, onclick: (e: Event) => void save(e.currentTarget as HTMLButtonElement) }, S.save) : null,
      editable && dirty ? h('button', { type: 'button', class: 'button button--quiet', id: 'day-discard', onclick: () => void load().then(render) }, S.discard) : null,
      dirty ? h('span', { class: 'badge badge--processing', id: 'day-dirty' }, S.unsaved) : null,
    );
    clear(banner, conflictBanner());
  }

  const banner = h('div');
  const datalist = h('datalist', { id: 'region-codes' });
  void regions().then((rs) => clear(datalist, rs.map((r) => h('option', { value: r.code }, r.name))));
  await load();
  appendTo(el, [banner, editable ? null : h('p', { class: 'muted' }, S.readOnly), list, bar, general, datalist, picker]);
  render();
  if (focus) reveal(focus);
}
