// The viewer's remembered choices (UI language and region): a cookie, so the server can read
// them on the first request, and localStorage, which survives cookie clearing on some
// browsers. Reading takes whichever is present; writing sets both. Storage may be unavailable
// (private mode, blocked cookies): every access is guarded and simply forgets.
import { PREFS } from '../config.js';

export interface Preferences {
  language: string | null;
  region: string | null;
}

export const LANG_KEY = 'podium_lang';
export const REGION_KEY = 'podium_region';
const SAFE_VALUE = /^[A-Za-z0-9-]{1,35}$/;

export interface PrefsStore {
  read(): Preferences;
  write(prefs: Partial<Preferences>): void;
}

function readCookie(doc: Document, name: string): string | null {
  try {
    for (const part of doc.cookie.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === name) return decodeURIComponent(v.join('='));
    }
  } catch {
    /* cookies blocked */
  }
  return null;
}

function safe(value: string | null | undefined): string | null {
  return value && SAFE_VALUE.test(value) ? value : null;
}

export function createPrefsStore(doc: Document, storage: Storage | null): PrefsStore {
  const get = (key: string): string | null => {
    let fromStorage: string | null = null;
    try {
      fromStorage = storage?.getItem(key) ?? null;
    } catch {
      fromStorage = null;
    }
    return safe(readCookie(doc, key)) ?? safe(fromStorage);
  };
  const set = (key: string, value: string): void => {
    if (!safe(value)) return;
    try {
      doc.cookie = `${key}=${encodeURIComponent(value)}; Path=/; Max-Age=${PREFS.cookieMaxAgeSec}; SameSite=Lax`;
    } catch {
      /* cookies blocked */
    }
    try {
      storage?.setItem(key, value);
    } catch {
      /* storage full or blocked */
    }
  };
  return {
    read: () => ({ language: get(LANG_KEY), region: get(REGION_KEY) }),
    write(prefs) {
      if (prefs.language) set(LANG_KEY, prefs.language);
      if (prefs.region) set(REGION_KEY, prefs.region);
    },
  };
}

export function safeLocalStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

/** ?region= when well-formed (ISO 3166-1 alpha-2 or WW), upper-cased. */
export function regionFromSearch(search: string): string | null {
  const r = new URLSearchParams(search).get('region');
  return r && /^[A-Za-z]{2}$/.test(r) ? r.toUpperCase() : null;
}
