// One repeat of a loop channel's entry in the day view: read-only, at the time it airs in the
// channel's zone, marked "Repeat of entry N" as a link to that entry (its day, scrolled to it; on
// the same day, a scroll and no reload), and what the plan says of it as of a stored entry (not
// ready; the regions that get something else instead, e.g. a rights gap that only the repeat hits).
import { h } from '../dom.js';
import type { PlanRepeat } from '../types.js';
import { planInfo } from './entry-row.js';
import { S } from './strings.js';
import { dateIn, formatLength, longDate, timeIn } from './zoned-time.js';

export interface RepeatRowOptions {
  repeat: PlanRepeat;
  channelId: string;
  zone: string;
  /** The day shown ('YYYY-MM-DD' in the zone) and its first instant. */
  date: string;
  dayFrom: number;
  title(programmeId: string): string;
  /** Shows the stored entry on this day's list; false when it is not there (then the link is followed). */
  reveal(entryId: string): boolean;
}

/** `/studio/channels/<id>?day=<its day>&entry=<id>`: the day editor of entry `entryId`, scrolled to it. */
export function entryLink(channelId: string, day: string, entryId: string): string {
  return `/studio/channels/${encodeURIComponent(channelId)}?day=${day}&entry=${encodeURIComponent(entryId)}`;
}

export function repeatRow(o: RepeatRowOptions): HTMLElement {
  const r = o.repeat;
  const start = Date.parse(r.start);
  const end = Date.parse(r.end);
  const day = dateIn(Date.parse(r.entryStart), o.zone);
  const link = h('a', { class: 'repeat-of', href: entryLink(o.channelId, day, r.entryId), title: S.goToEntry(r.number, longDate(day)) }, S.repeatOf(r.number));
  link.addEventListener('click', (e) => {
    if (day === o.date && o.reveal(r.entryId)) e.preventDefault();
  });
  return h(
    'li',
    { class: 'entry entry--repeat', 'data-entry': r.entryId, 'data-number': r.number, 'data-programme': r.programmeId, 'data-start': r.start },
    h(
      'div',
      { class: 'entry-head' },
      h('span', { class: 'entry-time' }, `${timeIn(start, o.zone)}–${timeIn(end, o.zone)}`),
      h('span', { class: 'entry-title' }, o.title(r.programmeId)),
      h('span', { class: 'muted' }, formatLength(end - start)),
      link,
    ),
    start < o.dayFrom ? h('p', { class: 'muted' }, S.carriedIn) : null,
    planInfo(r, o.title),
  );
}
