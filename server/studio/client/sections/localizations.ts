// Localizations side by side: a source language (read-only) next to the target being edited.
// Every locale a region offers is listed; the ones without a localization are flagged missing.
import { PROGRAMME_FIELD_RULES } from '../../../i18n/check/programme.js';
import { api } from '../api.js';
import { clear, formValues, h } from '../dom.js';
import { clearErrors, showError } from '../errors.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n.js';
import { knownLocales } from '../regions.js';
import type { StudioLocalization } from '../types.js';
import type { ProgrammeSection } from './index.js';

// maxlength is the field's storage bound (code units, as the browser counts); the length a
// reader sees is checked by the server against the same rules (PROGRAMME_FIELD_RULES).
const FIELDS = [
  { name: 'title', label: () => t('fields.title'), max: PROGRAMME_FIELD_RULES.title.maxCodeUnits, multiline: false },
  { name: 'shortTitle', label: () => t('localizations.shortTitleHint'), max: PROGRAMME_FIELD_RULES.shortTitle.maxCodeUnits, multiline: false },
  { name: 'synopsis', label: () => t('fields.synopsis'), max: PROGRAMME_FIELD_RULES.synopsis.maxCodeUnits, multiline: true },
  { name: 'event', label: () => t('localizations.eventHint'), max: PROGRAMME_FIELD_RULES.event.maxCodeUnits, multiline: false },
] as const;

export const localizationsSection: ProgrammeSection = {
  id: 'localizations',
  title: () => t('localizations.title'),
  permission: 'localization:write',
  render(ctx) {
    let locs: StudioLocalization[] = [...ctx.programme.localizations];
    let sourceLocale = locs.find((l) => l.locale === 'en')?.locale ?? locs[0]?.locale ?? 'en';
    let target: string | null = null;
    const chips = h('div', { class: 'locale-list', id: 'locale-list' });
    const sourceSelect = h('select', { id: 'loc-source' });
    const editor = h('div', { id: 'loc-editor' });
    const summary = h('p', { class: 'muted', id: 'loc-summary' });
    let all: string[] = [];

    const byLocale = (l: string) => locs.find((x) => x.locale === l);

    const renderChips = () => {
      const missing = all.filter((l) => !byLocale(l));
      summary.textContent = missing.length ? t('localizations.missingCount', { n: missing.length, total: formatNumber(all.length) }) : t('localizations.allPresent', { n: all.length });
      clear(
        chips,
        all.map((l) =>
          h(
            'button',
            {
              type: 'button',
              class: `locale-chip${byLocale(l) ? '' : ' locale-chip--missing'}${l === target ? ' locale-chip--here' : ''}`,
              'data-locale': l,
              title: byLocale(l) ? t('localizations.translated') : t('localizations.missing'),
              onclick: () => select(l),
            },
            byLocale(l) ? l : `${l} · ${t('localizations.missing')}`,
          ),
        ),
      );
      clear(sourceSelect, locs.map((l) => h('option', { value: l.locale, selected: l.locale === sourceLocale }, l.locale)));
    };

    const select = (locale: string) => {
      target = locale;
      renderChips();
      const src = byLocale(sourceLocale);
      const cur = byLocale(locale);
      const error = h('p', { class: 'error', role: 'alert' });
      const fieldError = (name: string) => h('p', { class: 'error field-error', 'data-error-for': name, role: 'alert' });
      const form = h(
        'form',
        { class: 'target', id: 'loc-form', 'data-locale': locale },
        h('h3', {}, cur ? locale : `${locale} (${t('localizations.missing')})`),
        FIELDS.flatMap((f) => {
          const id = `loc-${f.name}`;
          const value = cur?.[f.name] ?? '';
          return [
            h('label', { for: id }, f.label()),
            f.multiline
              ? h('textarea', { id, name: f.name, rows: 5, maxlength: f.max, lang: locale }, value)
              : h('input', { id, name: f.name, value, maxlength: f.max, lang: locale, required: f.name === 'title' }),
            fieldError(f.name),
          ];
        }),
        error,
        h(
          'div',
          { class: 'actions' },
          h('button', { class: 'button', type: 'submit', id: 'loc-save' }, t('common.save')),
          cur && locs.length > 1
            ? h('button', {
                type: 'button',
                class: 'button button--quiet',
                id: 'loc-delete',
                onclick: async () => {
                  try {
                    await api(`/api/programmes/${ctx.programme.id}/localizations/${encodeURIComponent(locale)}`, { method: 'DELETE' });
                    locs = locs.filter((l) => l.locale !== locale);
                    if (sourceLocale === locale) sourceLocale = locs[0]!.locale;
                    ctx.toast(t('localizations.removed', { locale }));
                    select(locale);
                  } catch (err) {
                    showError(err, error);
                  }
                },
              }, t('common.delete'))
            : null,
        ),
      );
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        clearErrors(error, form);
        const v = formValues(form);
        try {
          const saved = await api<StudioLocalization>(`/api/programmes/${ctx.programme.id}/localizations/${encodeURIComponent(locale)}`, {
            method: 'PUT',
            body: { title: v.title ?? '', shortTitle: v.shortTitle ?? '', synopsis: v.synopsis ?? '', event: v.event ?? '' },
          });
          locs = [...locs.filter((l) => l.locale !== locale && l.locale !== saved.locale), saved].sort((a, b) => a.locale.localeCompare(b.locale));
          ctx.toast(t('localizations.saved', { locale: saved.locale }));
          select(saved.locale);
        } catch (err) {
          showError(err, error, form);
        }
      });
      clear(
        editor,
        h(
          'div',
          { class: 'loc-grid' },
          h(
            'div',
            { class: 'source card', id: 'loc-source-text', lang: sourceLocale },
            h('h3', {}, t('localizations.source', { locale: sourceLocale })),
            FIELDS.flatMap((f) => [h('div', { class: 'muted' }, f.label()), h('p', { 'data-field': f.name }, src?.[f.name] || '—')]),
          ),
          form,
        ),
      );
    };

    sourceSelect.addEventListener('change', () => {
      sourceLocale = sourceSelect.value;
      if (target) select(target);
    });

    const other = h('form', { class: 'inline-form', id: 'loc-other' },
      h('label', { for: 'loc-other-tag' }, t('localizations.other')),
      h('input', { id: 'loc-other-tag', name: 'tag', placeholder: 'zh-Hant-HK, fr-CA', maxlength: 35, required: true }),
      h('button', { class: 'button button--quiet', type: 'submit' }, t('common.edit')),
    );
    other.addEventListener('submit', (e) => {
      e.preventDefault();
      const tag = formValues(other).tag!.trim();
      if (!tag) return;
      if (!all.includes(tag)) all = [...all, tag].sort((a, b) => a.localeCompare(b));
      other.reset();
      select(tag);
    });
    ctx.el.append(summary, h('label', { for: 'loc-source' }, t('programmes.sourceLanguage'), ' '), sourceSelect, chips, other, editor);
    void knownLocales(locs.map((l) => l.locale)).then((list) => {
      all = list;
      renderChips();
      const firstMissing = all.find((l) => !byLocale(l));
      select(firstMissing ?? sourceLocale);
    });
  },
};
