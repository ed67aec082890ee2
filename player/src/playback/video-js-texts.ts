// video.js localizes most of its texts once, when a component is created, and on a language
// change relabels only its buttons and menus. Podium creates the player in English and switches
// it when the dictionary chunk has arrived (video-player.ts), so the rest would stay English:
// the player's and the sliders' accessible names, the time displays' labels, the buffered
// amount, the loading text (whose own relabel leaves "Video Player" in English) and the
// dialogs. relabelVideoJsTexts() puts each in the player's current language from its English
// source, remembered the first time it is seen, and never overwrites a label set by someone
// else (the watch page names the player after the programme).

export interface LocalizingPlayer {
  el(): Element;
  localize(key: string, tokens?: string[], defaultValue?: string): string;
}

interface Text {
  /** Below the player's element; null = the element itself. */
  selector: string | null;
  /** An attribute, or null for the text content. */
  attr: string | null;
  /** The localized value from the English source found on the element. */
  localize?: (player: LocalizingPlayer, source: string) => string;
}

const TEXTS: readonly Text[] = [
  { selector: null, attr: 'aria-label' }, // "Video Player"
  { selector: '.vjs-progress-holder', attr: 'aria-label' }, // "Progress Bar"
  { selector: '.vjs-volume-bar', attr: 'aria-label' }, // "Volume Level"
  { selector: '.vjs-time-control > .vjs-control-text', attr: null, localize: (p, s) => `${p.localize(s.trim())}\u00a0` }, // "Current Time", "Duration"
  { selector: '.vjs-load-progress > .vjs-control-text > span:first-child', attr: null }, // "Loaded"
  { selector: '.vjs-loading-spinner > .vjs-control-text', attr: null, localize: (p) => p.localize('{1} is loading.', [p.localize('Video Player')]) },
  { selector: '.vjs-modal-dialog', attr: 'aria-label' }, // "Modal Window", "Caption Settings Dialog"
  { selector: '.vjs-modal-dialog-description', attr: null, localize: (p, s) => bySentence(p, s) },
  { selector: '.vjs-text-track-settings p.vjs-control-text', attr: null }, // "End of dialog window."
];

/** "This is a modal window. This modal can be closed …": each sentence is its own dictionary entry. */
function bySentence(player: LocalizingPlayer, source: string): string {
  const whole = player.localize(source);
  if (whole !== source) return whole;
  return source
    .split(/(?<=\.)\s+/)
    .map((s) => player.localize(s))
    .join(' ');
}

interface Seen {
  /** The English text found the first time. */
  source: string;
  /** What this module last wrote (a different current value was set by someone else). */
  written: string;
}

const seen = new WeakMap<Element, Map<string, Seen>>();

function read(el: Element, attr: string | null): string | null {
  return attr ? el.getAttribute(attr) : el.textContent;
}

function write(el: Element, attr: string | null, value: string): void {
  if (attr) el.setAttribute(attr, value);
  else el.textContent = value;
}

/** Relabels video.js's static texts in the player's current language (call after player.language()). */
export function relabelVideoJsTexts(player: LocalizingPlayer): void {
  const root = player.el();
  for (const text of TEXTS) {
    const els = text.selector ? Array.from(root.querySelectorAll(text.selector)) : [root];
    for (const el of els) {
      const current = read(el, text.attr);
      if (current === null || current.trim() === '') continue;
      let byAttr = seen.get(el);
      if (!byAttr) seen.set(el, (byAttr = new Map()));
      const key = text.attr ?? '#text';
      let entry = byAttr.get(key);
      if (!entry) byAttr.set(key, (entry = { source: current, written: current }));
      else if (current !== entry.written) continue; // relabelled by its owner meanwhile
      const value = text.localize ? text.localize(player, entry.source) : player.localize(entry.source);
      if (value !== current) write(el, text.attr, value);
      entry.written = value;
    }
  }
}
