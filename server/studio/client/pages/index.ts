// Every studio page, in navigation order. The first match wins: list specific paths before
// general ones (/studio/programmes/new before /studio/programmes/:id).
import type { StudioPage } from '../router.js';
import { newProgrammePage, programmesPage } from './programmes.js';
import { programmePage } from './programme.js';
import { channelPage } from './channel.js';
import { channelsPage } from './channels.js';
import { qoePage } from './qoe.js';
import { tokensPage } from './tokens.js';
import { translateEditorPage, translatePage } from './translate.js';

export const PAGES: readonly StudioPage[] = [programmesPage, newProgrammePage, programmePage, channelsPage, channelPage, translatePage, translateEditorPage, qoePage, tokensPage];
