// The namespace editor: every English key with its translation, plural forms per CLDR category
// with an example number, placeholders highlighted, checks run live as one types (the server's
// own checkString, bundled here), context per key (note, length limit, where the code uses it),
// filters (missing / failing / changed since the source changed), save with If-Match, a
// conflict panel showing both versions when a colleague saved first, and per-key history.
import { checkString } from '../../../i18n/check/live.js';
import { api, ApiFailure } from '../api.js';
import { clear, h } from '../dom.js';
import { errorText } from '../errors.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import type { StudioContext } from '../router.js';
import { highlighted, issueList, placeholdersOf, send, type HistoryEntry, type Issue, type KeyView, type NamespaceView, type UnitView } from './shared.js';

type Filter = 'all' | 'missing' | 'failing' | 'stale';

interface ConflictBody {
  error: { code: string; message: string; current: { etag: string; values: Record<string, string | null> }; yours: Record<string, string | null>; conflicts: string[]; key?: string };
}

export async function renderEditor(ctx: StudioContext, locale: string, ns: string, top: HTMLElement): Promise<void> {
  const base = `/api/translations/${encodeURIComponent(locale)}/${encodeURIComponent(ns)}`;
  let view = await api<NamespaceView>(base, { signal: ctx.signal });
  let etag = view.etag;
  let filter: Filter = 'all';
  /** key → value typed but not saved yet. */
  const edits = new Map<string, string>();
  const allowlist = new Set(view.allowlist);
  const areas = new Map<string, HTMLTextAreaElement>();

  const status = h('p', { id: 'tr-status', class: 'muted', role: 'status' });
  const saveButton = h('button', { id: 'tr-save', class: 'button', type: 'button', disabled: true }, t('common.save'));
  const conflictBox = h('div', { id: 'tr-conflict' });
  const list = h('div', { class: 'tr-list' });

  const original = (k: KeyView): string => k.value ?? '';
  const valueOf = (k: KeyView): string => edits.get(k.key) ?? original(k);
  const liveIssues = (unit: UnitView, k: KeyView): Issue[] => {
    const v = valueOf(k);
    return v === '' ? [] : checkString({ locale, key: k.key, value: v, source: k.source, meta: unit.meta, allowlist });
  };
  const isMissing = (u: UnitView) => u.keys.some((k) => valueOf(k) === '' && !k.inherited);
  const isFailing = (u: UnitView) => u.keys.some((k) => liveIssues(u, k).some((i) => i.severity === 'error'));

  const refreshSave = () => {
    saveButton.disabled = edits.size === 0;
    saveButton.textContent = edits.size === 0 ? t('common.save') : t('translate.saveChanges', { count: edits.size });
  };

  function keyRow(unit: UnitView, k: KeyView): HTMLElement {
    const issuesBox = h('div', { class: 'tr-live' }, issueList(liveIssues(unit, k)));
    const area = h('textarea', { class: 'tr-target', 'data-key': k.key, lang: locale, dir: view.dir, rows: Math.min(6, Math.max(2, Math.ceil(k.source.length / 60))), 'aria-label': `${locale} ${k.key}` });
    area.value = valueOf(k);
    if (!k.value && k.inherited) area.placeholder = `${k.inherited.locale}: ${k.inherited.value}`;
    areas.set(k.key, area);
    const counter = h('span', { class: 'muted tr-count' });
    const update = () => {
      if (area.value === original(k)) edits.delete(k.key);
      else edits.set(k.key, area.value);
      clear(issuesBox, issueList(liveIssues(unit, k)));
      counter.textContent = unit.meta.maxLength ? `${[...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(area.value)].length}/${unit.meta.maxLength}` : '';
      row.classList.toggle('tr-row--dirty', edits.has(k.key));
      refreshSave();
    };
    area.addEventListener('input', update);
    const label = k.plural ? h('span', { class: 'badge', title: t('translate.pluralTitle', { locale }) }, `${k.plural.category} · ${t('translate.example', { value: k.plural.example })}`) : null;
    const ph = placeholdersOf(k.source);
    const row = h(
      'div',
      { class: 'tr-row', 'data-key': k.key },
      h('div', { class: 'tr-source', lang: view.sourceLocale }, label, ' ', ...highlighted(k.source)),
      h('div', {}, area, counter, ph.length ? h('p', { class: 'muted tr-keep' }, t('translate.keep'), ' ', ph.map((p) => h('mark', { class: 'ph' }, p))) : null, issuesBox),
    );
    queueMicrotask(update);
    return row;
  }

  async function showHistory(unit: UnitView, box: HTMLElement): Promise<void> {
    const { items } = await api<{ items: HistoryEntry[] }>(`${base}/history`, { signal: ctx.signal });
    const mine = items.filter((e) => unit.keys.some((k) => k.key === e.key)).reverse();
    clear(
      box,
      mine.length === 0
        ? h('p', { class: 'muted' }, t('translate.noHistory'))
        : h(
            'ol',
            { class: 'tr-history-list' },
            mine.map((e) => h('li', {}, h('time', {}, formatDateTime(e.at)), ' ', h('code', {}, e.key), ` ${t('translate.by', { author: e.author })} `, h('del', { lang: locale }, e.old ?? t('translate.none')), ' → ', h('ins', { lang: locale }, e.new ?? t('translate.removed')))),
          ),
    );
  }

  function unitBlock(unit: UnitView): HTMLElement {
    const historyBox = h('div', { class: 'tr-history' });
    const staleInfo = view.stale.filter((s) => unit.keys.some((k) => k.key === s.key));
    return h(
      'section',
      { class: 'card tr-unit', 'data-key': unit.base },
      h(
        'header',
        { class: 'tr-unit__head' },
        h('code', {}, unit.base),
        unit.plural !== 'none' ? h('span', { class: 'badge' }, t('translate.plural', { list: view.pluralCategories.map((c) => c.category).join(', ') })) : null,
        unit.meta.maxLength ? h('span', { class: 'badge' }, t('translate.maxChars', { n: unit.meta.maxLength })) : null,
        unit.stale ? h('span', { class: 'badge badge--processing' }, t('translate.sourceChanged')) : null,
        h('button', { type: 'button', class: 'button button--quiet tr-history-button', onclick: () => void showHistory(unit, historyBox) }, t('translate.history')),
      ),
      // The note is written for translators in the source language.
      unit.meta.note ? h('p', { class: 'tr-note', lang: view.sourceLocale }, unit.meta.note) : null,
      unit.usedIn.length ? h('p', { class: 'muted tr-where' }, t('translate.usedIn'), ' ', unit.usedIn.flatMap((u, i) => [i ? ', ' : '', h('code', {}, u)])) : null,
      staleInfo.map((s) => h('p', { class: 'tr-stale' }, t('translate.staleWas'), ' ', h('q', { lang: view.sourceLocale }, s.was ?? ''), ' ', t('translate.staleNow'), ' ', h('q', { lang: view.sourceLocale }, s.now ?? ''))),
      unit.keys.map((k) => keyRow(unit, k)),
      historyBox,
    );
  }

  function renderList(): void {
    areas.clear();
    const units = view.units.filter((u) => filter === 'all' || (filter === 'missing' && isMissing(u)) || (filter === 'failing' && isFailing(u)) || (filter === 'stale' && u.stale));
    clear(list, units.length ? units.map(unitBlock) : h('p', { class: 'muted' }, t('translate.nothing')));
  }

  const filters = h(
    'div',
    { class: 'tr-filters', role: 'group', 'aria-label': t('translate.filter') },
    (['all', 'missing', 'failing', 'stale'] as const).map((f) =>
      h(
        'button',
        {
          type: 'button',
          class: `locale-chip${f === filter ? ' locale-chip--here' : ''}`,
          'data-filter': f,
          onclick: (e: Event) => {
            filter = f;
            for (const b of filters.querySelectorAll('button')) b.classList.toggle('locale-chip--here', b === e.currentTarget);
            renderList();
          },
        },
        { all: t('translate.filterAll'), missing: t('translate.filterMissing'), failing: t('translate.filterFailing'), stale: t('translate.filterStale') }[f],
      ),
    ),
  );

  async function reload(message?: string): Promise<void> {
    view = await api<NamespaceView>(base, { signal: ctx.signal });
    etag = view.etag;
    edits.clear();
    renderList();
    refreshSave();
    if (message) status.textContent = message;
  }

  async function save(changes: Record<string, string | null>, ifMatch: string): Promise<void> {
    saveButton.disabled = true;
    status.textContent = t('common.saving');
    const res = await send<{ etag: string; changed: string[] } & Partial<ConflictBody>>(base, { method: 'PUT', body: { changes }, headers: { 'If-Match': ifMatch } });
    if (res.status === 200) {
      clear(conflictBox);
      ctx.toast(t('translate.savedStrings', { count: res.body.changed.length }));
      await reload(t('translate.savedLive', { version: res.body.etag }));
      return;
    }
    refreshSave();
    if (res.status === 409 && res.body.error) return showConflict(res.body as ConflictBody);
    const e = res.body?.error;
    status.textContent = t('translate.notSaved', { problem: e ? errorText(new ApiFailure(res.status, e.code, e.message, e.key)) : errorText(new ApiFailure(res.status, 'http_error', '')) });
    status.title = e?.message ?? '';
    if (e?.key) areas.get(e.key)?.focus();
  }

  /** The value of `key` in the version this page loaded (what the edit was made from). */
  const baseOf = (key: string): string | null => view.units.flatMap((u) => u.keys).find((k) => k.key === key)?.value ?? null;

  function showConflict(body: ConflictBody): void {
    const { current, yours } = body.error;
    // The store compares with what is on disk; a key the colleague did not touch (still the value
    // this page loaded) is no conflict: save on top of their version without asking.
    const conflicts = body.error.conflicts.filter((k) => (current.values[k] ?? null) !== baseOf(k));
    if (conflicts.length === 0) {
      status.textContent = t('translate.mergeSaving');
      void save(yours, current.etag);
      return;
    }
    status.textContent = t('translate.conflictChoose');
    const choice = new Map<string, 'theirs' | 'mine'>();
    const resolve = h('button', { id: 'tr-resolve', class: 'button', type: 'button', disabled: conflicts.length > 0 }, t('translate.saveChoices'));
    const rows = conflicts.map((key) => {
      const pick = (which: 'theirs' | 'mine') => (e: Event) => {
        choice.set(key, which);
        for (const b of (e.currentTarget as HTMLElement).parentElement!.querySelectorAll('button')) b.classList.toggle('locale-chip--here', b === e.currentTarget);
        resolve.disabled = choice.size < conflicts.length;
      };
      return h(
        'div',
        { class: 'tr-conflict-row', 'data-key': key },
        h('code', {}, key),
        h('div', { class: 'loc-grid' }, h('div', { class: 'tr-theirs' }, h('strong', {}, t('translate.theirs')), h('p', { lang: locale }, current.values[key] ?? t('translate.none'))), h('div', { class: 'tr-yours' }, h('strong', {}, t('translate.yours')), h('p', { lang: locale }, yours[key] ?? t('translate.removed')))),
        h('div', {}, h('button', { type: 'button', class: 'locale-chip', 'data-choose': 'theirs', onclick: pick('theirs') }, t('translate.keepTheirs')), ' ', h('button', { type: 'button', class: 'locale-chip', 'data-choose': 'mine', onclick: pick('mine') }, t('translate.useMine'))),
      );
    });
    resolve.addEventListener('click', () => {
      const changes: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(yours)) if (!conflicts.includes(k) || choice.get(k) === 'mine') changes[k] = v;
      if (Object.keys(changes).length === 0 || Object.entries(changes).every(([k, v]) => current.values[k] === v)) {
        clear(conflictBox);
        void reload(t('translate.keptTheirs'));
        return;
      }
      void save(changes, current.etag);
    });
    clear(conflictBox, h('section', { class: 'card notice' }, h('h2', {}, t('translate.conflict')), h('p', { title: body.error.message }, t('errors.conflict')), rows, resolve));
    conflictBox.scrollIntoView({ block: 'start' });
  }

  saveButton.addEventListener('click', () => {
    const changes: Record<string, string | null> = {};
    for (const [k, v] of edits) changes[k] = v === '' ? null : v;
    void save(changes, etag);
  });

  const summary = [
    t('translate.keys', { n: view.units.length }),
    t('translate.missingCount', { n: view.units.filter((u) => u.missing).length }),
    t('translate.failingCount', { n: view.units.filter((u) => u.failing).length }),
    t('translate.staleCount', { n: view.stale.length }),
    `${t('translate.fallback')} ${view.chain.join(' → ')}`,
  ].join(' · ');
  top.append(h('p', { class: 'muted' }, summary), filters, h('div', { class: 'tr-savebar' }, saveButton, status), conflictBox, list);
  renderList();
  refreshSave();
}
