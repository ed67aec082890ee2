// One channel: its settings at a glance and the day editor (channels/day-view.ts) for one day of
// its time zone, chosen with ?day=YYYY-MM-DD (default: today there); ?entry=<id> scrolls to that
// stored entry (where a repeat's link leads).
import { api } from '../api.js';
import { h } from '../dom.js';
import type { StudioPage } from '../router.js';
import type { EditorChannel } from '../types.js';
import { dayView } from '../channels/day-view.js';
import { S } from '../channels/strings.js';
import { addDays, dateIn, dayStart, longDate, zoneLabel } from '../channels/zoned-time.js';
import { channelName } from './channels.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const channelPage: StudioPage = {
  path: '/studio/channels/:id',
  title: () => S.channels,
  permission: 'programme:read',
  async render(ctx) {
    const id = ctx.params.id!;
    const channel = await api<EditorChannel>(`/api/studio/channels/${encodeURIComponent(id)}`, { signal: ctx.signal });
    const zone = channel.timezone;
    const asked = ctx.query.get('day') ?? '';
    const date = DATE.test(asked) && !Number.isNaN(Date.parse(`${asked}T00:00:00Z`)) ? asked : dateIn(Date.now(), zone);
    const go = (d: string) => ctx.navigate(`/studio/channels/${encodeURIComponent(id)}?day=${d}`);
    document.title = `${channelName(channel)} · ${date} · Podium studio`;
    const picker = h('input', { type: 'date', id: 'day-date', value: date, 'aria-label': S.day });
    picker.addEventListener('change', () => DATE.test(picker.value) && go(picker.value));
    const day = h('section', { class: 'card', id: 'day', 'data-date': date });
    ctx.main.append(
      h('p', {}, h('a', { href: '/studio/channels' }, S.back)),
      h('div', { class: 'page-head' }, h('h1', { id: 'channel-title' }, channelName(channel)), h('code', {}, channel.slug)),
      h('p', { class: 'muted' }, S.regionsLine(channel.regions), ' · ', h('span', { id: 'channel-zone' }, S.zoneLine(zoneLabel(zone, dayStart(date, zone)))), channel.loop ? ` · ${S.loopLine}` : ''),
      h(
        'div',
        { class: 'day-nav' },
        h('button', { type: 'button', class: 'button button--quiet', id: 'day-previous', onclick: () => go(addDays(date, -1)) }, S.previousDay),
        picker,
        h('button', { type: 'button', class: 'button button--quiet', id: 'day-next', onclick: () => go(addDays(date, 1)) }, S.nextDay),
        h('button', { type: 'button', class: 'button button--quiet', id: 'day-today', onclick: () => go(dateIn(Date.now(), zone)) }, S.today),
        h('h2', { id: 'day-title' }, longDate(date)),
      ),
      day,
    );
    await dayView(ctx, channel, date, day, ctx.query.get('entry'));
  },
};
