// video.js's own control texts (Play, Mute, Fullscreen, Captions…) in the UI language.
//
// video.js looks a player language up lower-cased, then by its primary subtag only
// ("zh-hant-hk" → "zh" → English), so each dictionary is registered under the exact tags
// Podium runs in: zh-Hant-HK and zh-Hant get the Traditional dictionary, zh-Hans the
// Simplified one, and there is no bare "zh" to fall into. Dictionaries are loaded on demand
// (one small chunk per language), with the few strings a dictionary lacks filled in here.

type Dictionary = Record<string, string>;
type Loader = () => Promise<{ default: Dictionary }>;

const LOADERS: Record<string, Loader> = {
  fr: () => import('video.js/dist/lang/fr.json', { with: { type: 'json' } }),
  'zh-Hans': () => import('video.js/dist/lang/zh-Hans.json', { with: { type: 'json' } }),
  'zh-Hant': () => import('video.js/dist/lang/zh-Hant.json', { with: { type: 'json' } }),
  'zh-Hant-HK': () => import('video.js/dist/lang/zh-Hant.json', { with: { type: 'json' } }),
  ja: () => import('video.js/dist/lang/ja.json', { with: { type: 'json' } }),
  ko: () => import('video.js/dist/lang/ko.json', { with: { type: 'json' } }),
  es: () => import('video.js/dist/lang/es.json', { with: { type: 'json' } }),
  de: () => import('video.js/dist/lang/de.json', { with: { type: 'json' } }),
  pt: () => import('video.js/dist/lang/pt-BR.json', { with: { type: 'json' } }),
  ru: () => import('video.js/dist/lang/ru.json', { with: { type: 'json' } }),
  ar: () => import('video.js/dist/lang/ar.json', { with: { type: 'json' } }),
};

/** Strings video.js 8's dictionaries lack (or leave in English) for the controls Podium shows. */
const GAPS: Record<string, Dictionary> = {
  fr: { 'Playing in Picture-in-Picture': 'Lecture en mode image dans l’image' },
  'zh-Hans': { 'Playing in Picture-in-Picture': '正在以画中画模式播放', 'Drop shadow': '投影' },
  ko: {
    'Playing in Picture-in-Picture': 'PIP 모드로 재생 중',
    'Picture-in-Picture': 'PIP 모드', // the dictionary leaves these two in English
    'Exit Picture-in-Picture': 'PIP 모드 종료',
    'Skip backward {1} seconds': '{1}초 뒤로 건너뛰기',
    'Skip forward {1} seconds': '{1}초 앞으로 건너뛰기',
  },
  // Hong Kong reads video.js's Traditional (Taiwan) dictionary except where its wording differs.
  'zh-Hant-HK': {
    'Picture-in-Picture': '畫中畫',
    'Exit Picture-in-Picture': '退出畫中畫',
    'Playing in Picture-in-Picture': '正在以畫中畫播放',
    'Progress Bar': '進度條',
    'Video Player': '影片播放器',
    'A network error caused the media download to fail part-way.': '網絡錯誤導致影片下載中斷。',
    'The media could not be loaded, either because the server or network failed or because the format is not supported.': '因伺服器或網絡出錯，或格式不支援，無法載入媒體。',
    'Font Size': '字體大小',
    'Text Edge Style': '字體邊緣樣式',
    'Font Family': '字體',
    'Proportional Sans-Serif': '比例無襯線字體',
    'Monospace Sans-Serif': '等寬無襯線字體',
    'Proportional Serif': '比例襯線字體',
    'Monospace Serif': '等寬襯線字體',
    'Small Caps': '小型大寫字體',
    'Skip forward {1} seconds': '快進 {1} 秒',
    'Skip backward {1} seconds': '倒退 {1} 秒',
    'Seek to live, currently behind live': '跳至直播，目前落後於直播',
    'Seek to live, currently playing live': '跳至直播，目前正在直播',
  },
  de: { 'Monospace Sans-Serif': 'Serifenlose Festbreitenschrift', 'Monospace Serif': 'Festbreitenschrift mit Serifen' },
  es: { 'Playing in Picture-in-Picture': 'Reproduciendo en imagen en imagen' },
  pt: {
    'Playing in Picture-in-Picture': 'Reproduzindo em Picture-in-Picture',
    'Skip backward {1} seconds': 'Voltar {1} segundos',
    'Skip forward {1} seconds': 'Avançar {1} segundos',
    'No content': 'Sem conteúdo',
    Color: 'Cor',
    Opacity: 'Opacidade',
    'Text Background': 'Fundo do texto',
    'Caption Area Background': 'Fundo da área de legendas',
    Script: 'Cursiva',
  },
  ru: {
    'Playing in Picture-in-Picture': 'Воспроизведение в режиме «картинка в картинке»',
    'No content': 'Нет содержимого',
    Color: 'Цвет',
    Opacity: 'Прозрачность',
    'Text Background': 'Фон текста',
    'Caption Area Background': 'Фон области субтитров',
  },
  // The caption settings' font names are left in English in video.js's Arabic dictionary.
  ar: {
    'Proportional Sans-Serif': 'خط غير مذيل متناسب',
    'Monospace Sans-Serif': 'خط غير مذيل ثابت العرض',
    'Proportional Serif': 'خط مذيل متناسب',
    'Monospace Serif': 'خط مذيل ثابت العرض',
    Casual: 'خط غير رسمي',
    Script: 'خط يدوي',
    'Small Caps': 'أحرف استهلالية صغيرة',
    'Beginning of dialog window. Escape will cancel and close the window.': 'بداية نافذة الحوار. اضغط على مفتاح Esc للإلغاء وإغلاق النافذة.',
  },
};

/** The error dialog's description: video.js asks for it but no dictionary of video.js 8 has it. */
const MODAL_WINDOW: Record<string, string> = {
  fr: 'Ceci est une fenêtre modale.',
  'zh-Hans': '这是一个弹窗。',
  'zh-Hant': '這是一個強制回應視窗。',
  'zh-Hant-HK': '這是一個強制回應視窗。',
  ja: 'これはダイアログボックスです。',
  ko: '이것은 모달 창입니다.',
  es: 'Esta es una ventana modal.',
  de: 'Dies ist ein modales Fenster.',
  pt: 'Esta é uma janela modal.',
  ru: 'Это модальное окно.',
  ar: 'هذه نافذة مشروطة.',
};

const registered = new Set<string>(['en']);

export interface VideoJsLanguages {
  addLanguage(code: string, strings: Record<string, string>): Record<string, string>;
}

/** Registers video.js's dictionary for `language` (a Podium UI tag) once; resolves when done. */
export async function ensureVideoJsLanguage(videojs: VideoJsLanguages, language: string): Promise<void> {
  if (registered.has(language)) return;
  const load = LOADERS[language];
  if (!load) return; // English is built in
  const modal = MODAL_WINDOW[language];
  const dictionary = { ...(await load()).default, ...(modal ? { 'This is a modal window.': modal } : {}), ...GAPS[language] };
  videojs.addLanguage(language, dictionary);
  registered.add(language);
}
