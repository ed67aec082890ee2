export { parseAcceptLanguage, type LanguageRange, type AcceptLanguageLimits } from './accept-language.js';
export { localeKey, createLocaleKeyer, parentKey, fallbackChain, MAX_TAG_LENGTH } from './locale-key.js';
export {
  negotiate,
  chooseLocalization,
  localeHeaders,
  type NegotiateInput,
  type Negotiated,
  type LocaleSource,
  type Chosen,
  type ChooseOptions,
} from './negotiate.js';
