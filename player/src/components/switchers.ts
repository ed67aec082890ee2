// The language and region pickers in the masthead: native <select>s (keyboard and screen
// reader friendly), each language named in itself ("Français", "繁體中文", "العربية") so a
// viewer who cannot read the current UI still finds theirs; regions named in the UI language.
import { ListenerGroup, h, type Component } from './component.js';
import { languageName, regionName } from '../core/format.js';
import { SUPPORTED_LANGUAGES, switcherLanguage } from '../core/language.js';
import type { RegionInfo } from '../core/regions.js';
import type { TFunction } from 'i18next';

export interface SwitcherOptions {
  t: TFunction;
  language: string;
  region: string | null;
  regions: readonly RegionInfo[];
  /** False: the region is decided by the server (its CDN's country header) and shown, not offered. */
  regionSelectable: boolean;
  onLanguage(choice: string): void;
  onRegion(region: string): void;
}

export class Switchers implements Component {
  readonly el: HTMLElement;
  private readonly listeners = new ListenerGroup();
  private readonly languageSelect: HTMLSelectElement;
  private readonly regionSelect: HTMLSelectElement | null;

  constructor(private readonly o: SwitcherOptions) {
    const { t } = o;
    this.languageSelect = h('select', { id: 'ui-language', class: 'switcher__select', name: 'lang' });
    const current = switcherLanguage(o.language);
    for (const tag of SUPPORTED_LANGUAGES) {
      const option = h('option', { value: tag, lang: tag }, languageName(tag, tag));
      option.selected = tag === current;
      this.languageSelect.append(option);
    }
    const language = h('label', { class: 'switcher' }, h('span', { class: 'switcher__label' }, t('switcher.language')), this.languageSelect);
    if (o.regionSelectable) {
      this.regionSelect = this.buildRegionSelect();
      this.el = h('div', { class: 'switchers' }, language, h('label', { class: 'switcher' }, h('span', { class: 'switcher__label' }, t('switcher.region')), this.regionSelect));
    } else {
      // Rights follow where the viewer is: say which region that is and that it cannot be changed here.
      this.regionSelect = null;
      const name = !o.region || o.region === 'WW' ? t('switcher.worldwide') : regionName(o.region, o.language);
      const fixed = h(
        'span',
        { class: 'switcher', id: 'ui-region-fixed' },
        h('span', { class: 'switcher__label' }, t('switcher.region')),
        h('span', { class: 'switcher__value' }, name),
        h('span', { class: 'switcher__hint' }, t('switcher.regionFixed')),
      );
      this.el = h('div', { class: 'switchers' }, language, fixed);
    }
    this.registerListeners();
  }

  private buildRegionSelect(): HTMLSelectElement {
    const { t, regions, language, region } = this.o;
    const select = h('select', { id: 'ui-region', class: 'switcher__select', name: 'region' });
    select.append(h('option', { value: '' }, t('switcher.regionAuto')));
    const named = regions.filter((r) => r.code !== 'WW').map((r) => ({ code: r.code, name: regionName(r.code, language) }));
    named.sort((a, b) => a.name.localeCompare(b.name, language));
    if (regions.some((r) => r.code === 'WW')) named.unshift({ code: 'WW', name: t('switcher.worldwide') });
    for (const r of named) {
      const option = h('option', { value: r.code }, r.name);
      option.selected = r.code === region;
      select.append(option);
    }
    return select;
  }

  private registerListeners(): void {
    this.listeners.add(this.languageSelect, 'change', this.onLanguageChange);
    if (this.regionSelect) this.listeners.add(this.regionSelect, 'change', this.onRegionChange);
  }

  private onLanguageChange = (): void => {
    this.o.onLanguage(this.languageSelect.value);
  };

  private onRegionChange = (): void => {
    if (this.regionSelect?.value) this.o.onRegion(this.regionSelect.value);
  };

  destroy(): void {
    this.listeners.removeAll();
    this.el.remove();
  }
}
