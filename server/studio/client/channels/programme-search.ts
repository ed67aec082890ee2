// A programme picker: a search box over the editors' search (GET /api/studio/programmes?q=, every
// programme whatever its regions or publication), each hit with its length, its state and one
// action button. Programmes that are not packaged yet cannot be scheduled: their button is off.
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { clear, h } from '../dom.js';
import { displayTitle } from '../pages/programmes.js';
import type { StudioProgramme } from '../types.js';
import { S } from './strings.js';
import { formatLength } from './zoned-time.js';

export interface ProgrammeSearchOptions {
  /** Prefix of the element ids (the box is `${id}-q`, the results `${id}-results`). */
  id: string;
  /** The button's label on each hit. */
  action: string;
  onPick(p: StudioProgramme): void;
  signal: AbortSignal;
}

/** Can the schedule take it? (the server refuses a programme without a published rendition). */
export const schedulable = (p: StudioProgramme) => p.durationSec !== null && p.durationSec > 0 && p.hls !== null;

export function programmeSearch(opts: ProgrammeSearchOptions): HTMLElement {
  const input = h('input', { id: `${opts.id}-q`, type: 'search', placeholder: S.searchPlaceholder, autocomplete: 'off', maxlength: 200 });
  const results = h('ul', { class: 'pick-list', id: `${opts.id}-results` });
  let seq = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) return clear(results);
    try {
      const { items } = await api<{ items: StudioProgramme[] }>(`/api/studio/programmes?q=${encodeURIComponent(q)}&limit=20`, { signal: opts.signal });
      if (mine !== seq) return; // a later keystroke's answer wins
      clear(
        results,
        items.length === 0
          ? h('li', { class: 'muted' }, S.searchNone)
          : items.map((p) =>
              h(
                'li',
                { class: 'pick', 'data-id': p.id },
                h('span', { class: 'pick__title' }, displayTitle(p)),
                h('span', { class: 'muted' }, p.durationSec ? formatLength(p.durationSec * 1000) : ''),
                !schedulable(p) ? h('span', { class: 'badge badge--failed' }, S.notReadyShort) : !p.publishedAt ? h('span', { class: 'badge badge--processing' }, S.unpublishedShort) : null,
                h('button', { type: 'button', class: 'button button--quiet pick__button', disabled: !schedulable(p), onclick: () => opts.onPick(p) }, opts.action),
              ),
            ),
      );
    } catch (err) {
      if (mine === seq && !(err instanceof DOMException && err.name === 'AbortError')) clear(results, h('li', { class: 'error' }, errorText(err)));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      void run();
    }
  });
  return h('div', { class: 'pick-box' }, h('label', { for: input.id }, S.search), input, results);
}
