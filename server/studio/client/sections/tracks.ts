// Audio languages (with the measured loudness of source and result) and subtitle languages of
// the current rendition (issue 5). Read-only here; the API adds and removes them.
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n.js';
import type { ProgrammeSection } from './index.js';

// LUFS and dBTP are units' symbols, written alike in every language.
const lufs = (v: number) => `${formatNumber(v, 1)} LUFS`;
const dbtp = (v: number) => `${formatNumber(v, 1)} dBTP`;

function roleName(role: 'main' | 'commentary' | 'description'): string {
  return { main: t('tracks.roleMain'), commentary: t('tracks.roleCommentary'), description: t('tracks.roleDescription') }[role];
}

export const tracksSection: ProgrammeSection = {
  id: 'tracks',
  title: () => t('tracks.title'),
  permission: 'programme:read',
  render(ctx) {
    const { audio = [], subtitles = [] } = ctx.programme;
    if (audio.length === 0 && subtitles.length === 0) {
      ctx.el.append(h('p', { class: 'muted' }, t('tracks.none')));
      return;
    }
    const rows = audio.map((a) =>
      h(
        'tr',
        {},
        // The track's name is content, written in the track's language (as players show it).
        h('td', { lang: a.locale }, a.name),
        h('td', {}, h('code', {}, a.locale)),
        h('td', { 'data-role': a.role }, roleName(a.role)),
        h('td', {}, a.loudness ? `${lufs(a.loudness.source.integratedLufs)} · ${dbtp(a.loudness.source.truePeakDbtp)}` : '–'),
        h('td', {}, a.loudness ? `${lufs(a.loudness.result.integratedLufs)} · ${dbtp(a.loudness.result.truePeakDbtp)} ${t('tracks.target', { value: lufs(a.loudness.target.integratedLufs) })}` : t('tracks.notNormalized')),
      ),
    );
    ctx.el.append(
      h(
        'table',
        { class: 'table', id: 'audio-tracks' },
        h('thead', {}, h('tr', {}, h('th', {}, t('tracks.audio')), h('th', {}, t('fields.language')), h('th', {}, t('tracks.role')), h('th', {}, t('tracks.sourceLoudness')), h('th', {}, t('tracks.publishedLoudness')))),
        h('tbody', {}, ...rows),
      ),
      h('p', { id: 'subtitle-tracks' }, subtitles.length ? t('tracks.subtitles', { list: subtitles.map((s) => `${s.name} (${s.locale})`).join(', ') }) : t('tracks.noSubtitles')),
    );
  },
};
