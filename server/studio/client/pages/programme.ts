// One programme: its state, then one section per task (source upload and job, localizations,
// availability, publication), each shown when the role may use it.
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDuration } from '../format.js';
import { t } from '../i18n.js';
import type { StudioPage } from '../router.js';
import type { StudioProgramme } from '../types.js';
import { SECTIONS } from '../sections/index.js';
import { displayTitle, statusBadge } from './programmes.js';

export const programmePage: StudioPage = {
  path: '/studio/programmes/:id',
  title: () => t('programme.title'),
  permission: 'programme:read',
  async render(ctx) {
    const id = ctx.params.id!;
    const load = () => api<StudioProgramme>(`/api/studio/programmes/${encodeURIComponent(id)}`, { signal: ctx.signal });
    const p = await load();
    document.title = `${displayTitle(p)} · Podium studio`;
    ctx.main.append(
      h('p', {}, h('a', { href: '/studio/programmes' }, t('programme.back'))),
      h('div', { class: 'page-head' }, h('h1', { id: 'programme-title' }, displayTitle(p)), statusBadge(p)),
      h('p', { class: 'muted' }, t('programme.id', { id: p.id }), p.durationSec ? ` · ${formatDuration(p.durationSec)}` : '', p.hls ? ' · ' : '', p.hls ? h('a', { href: p.hls }, t('programme.master')) : null),
    );
    for (const section of SECTIONS) {
      if (section.permission && !ctx.can(section.permission)) continue;
      const el = h('section', { class: 'card section', id: `section-${section.id}` }, h('h2', {}, section.title()));
      ctx.main.append(el);
      section.render({ ...ctx, programme: p, el, reload: load });
    }
  },
};
