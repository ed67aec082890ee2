// Audio languages (with the measured loudness of source and result) and subtitle languages of
// the current rendition (issue 5). Read-only here; the API adds and removes them.
import { h } from '../dom.js';
import type { ProgrammeSection } from './index.js';

const lufs = (v: number) => `${v.toFixed(1)} LUFS`;
const dbtp = (v: number) => `${v.toFixed(1)} dBTP`;

export const tracksSection: ProgrammeSection = {
  id: 'tracks',
  title: 'Audio and subtitles',
  permission: 'programme:read',
  render(ctx) {
    const { audio = [], subtitles = [] } = ctx.programme;
    if (audio.length === 0 && subtitles.length === 0) {
      ctx.el.append(h('p', { class: 'muted' }, 'No packaged audio or subtitles yet.'));
      return;
    }
    const rows = audio.map((a) =>
      h(
        'tr',
        {},
        h('td', {}, a.name),
        h('td', {}, a.locale),
        h('td', {}, a.role),
        h('td', {}, a.loudness ? `${lufs(a.loudness.source.integratedLufs)} · ${dbtp(a.loudness.source.truePeakDbtp)}` : '–'),
        h('td', {}, a.loudness ? `${lufs(a.loudness.result.integratedLufs)} · ${dbtp(a.loudness.result.truePeakDbtp)} (target ${lufs(a.loudness.target.integratedLufs)})` : 'not normalized'),
      ),
    );
    ctx.el.append(
      h(
        'table',
        { class: 'table', id: 'audio-tracks' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Audio'), h('th', {}, 'Language'), h('th', {}, 'Role'), h('th', {}, 'Source loudness'), h('th', {}, 'Published loudness'))),
        h('tbody', {}, ...rows),
      ),
      h('p', { id: 'subtitle-tracks' }, subtitles.length ? `Subtitles: ${subtitles.map((s) => `${s.name} (${s.locale})`).join(', ')}` : 'No subtitles.'),
    );
  },
};
