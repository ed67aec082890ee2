// Pure parts of the player plugins: shortcut table, rung labels, track labels, storyboard VTT,
// resume rules, local search, the localized 451 message.
import { expect } from 'chai';
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../player/src/core/api.js';
import { filterProgrammes, fold } from '../../../player/src/pages/search-page.js';
import { apiErrorMessage, type PageContext } from '../../../player/src/pages/page.js';
import { buildRails } from '../../../player/src/pages/home-page.js';
import { hotkeyAction } from '../../../player/src/playback/plugins/hotkeys.js';
import { rungLabel } from '../../../player/src/playback/plugins/quality-menu.js';
import { resumePosition } from '../../../player/src/playback/plugins/resume.js';
import { cueAt, parseStoryboardVtt } from '../../../player/src/playback/plugins/storyboard.js';
import { trackLabels } from '../../../player/src/playback/plugins/track-labels.js';
import type { Programme } from '../../../player/src/core/api.js';

const root = path.resolve(import.meta.dirname, '../../..');

function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), clear: () => m.clear(), key: () => null, length: 0 } as Storage;
}

describe('player plugins (pure parts)', () => {
  it('shortcuts: space/k, f, m, arrows, digits', () => {
    expect(hotkeyAction(' ')).to.deep.equal({ kind: 'togglePlay' });
    expect(hotkeyAction('k')).to.deep.equal({ kind: 'togglePlay' });
    expect(hotkeyAction('f')).to.deep.equal({ kind: 'fullscreen' });
    expect(hotkeyAction('m')).to.deep.equal({ kind: 'mute' });
    expect(hotkeyAction('ArrowLeft')).to.deep.equal({ kind: 'seekBy', seconds: -5 });
    expect(hotkeyAction('ArrowUp')).to.deep.equal({ kind: 'volumeBy', delta: 0.1 });
    expect(hotkeyAction('7')).to.deep.equal({ kind: 'seekToFraction', fraction: 0.7 });
    expect(hotkeyAction('x')).to.equal(null);
  });

  it('rungs are labelled by height, bit rate only to tell equal heights apart', () => {
    expect(rungLabel(1080, 6_000_000, false)).to.equal('1080p');
    expect(rungLabel(720, 3_000_000, true)).to.equal('720p (3000k)');
    expect(rungLabel(0, 128_000, false)).to.equal('128k');
  });

  it('track labels come from LANGUAGE via Intl.DisplayNames, never NAME', () => {
    const strings = { unknown: '?', describes: 'AD', numbered: (l: string, n: number) => `${l} ${n}` };
    const tracks = [{ lang: 'fr', name: 'Commentaire FR' }, { lang: 'en', name: 'EN' }, { lang: 'en', name: 'EN AD', characteristics: 'public.accessibility.describes-video' }, { lang: 'ja' }, { lang: 'ja' }, {}];
    expect(trackLabels(tracks, 'en', strings)).to.deep.equal(['French', 'English', 'English (AD)', 'Japanese 1', 'Japanese 2', '?']);
    expect(trackLabels([{ lang: 'zh-Hant' }], 'zh-Hant-HK', strings)).to.deep.equal(['繁體中文']);
    expect(trackLabels([{ lang: 'fr' }], 'ar', strings)[0]).to.match(/[\u0600-\u06FF]/);
  });

  it('parses a storyboard VTT with #xywh fragments and finds the cue for a time', () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nstoryboard_000.jpg#xywh=0,0,160,90\n\n00:00:02.000 --> 00:00:04.000\nstoryboard_000.jpg#xywh=160,0,160,90\n';
    const cues = parseStoryboardVtt(vtt, 'http://h/media/p/r/storyboard/storyboard.vtt');
    expect(cues).to.have.length(2);
    expect(cues[1]).to.deep.equal({ start: 2, end: 4, url: 'http://h/media/p/r/storyboard/storyboard_000.jpg', x: 160, y: 0, w: 160, h: 90 });
    expect(cueAt(cues, 2.5)?.x).to.equal(160);
    expect(cueAt(cues, 0)?.x).to.equal(0);
    expect(cueAt(cues, 99)?.x).to.equal(160);
  });

  it('resume: only a position past the first seconds and before the end', () => {
    expect(resumePosition(memoryStorage({ podium_resume_a: '42.5' }), 'a', 600)).to.equal(42.5);
    expect(resumePosition(memoryStorage({ podium_resume_a: '2' }), 'a', 600)).to.equal(null);
    expect(resumePosition(memoryStorage({ podium_resume_a: '595' }), 'a', 600)).to.equal(null);
    // a short clip: the last quarter, not the last 10 s (an 8 s clip resumes at 5.5, restarts at 7)
    expect(resumePosition(memoryStorage({ podium_resume_a: '5.5' }), 'a', 8)).to.equal(5.5);
    expect(resumePosition(memoryStorage({ podium_resume_a: '7' }), 'a', 8)).to.equal(null);
    expect(resumePosition(memoryStorage({ podium_resume_a: 'junk' }), 'a', 600)).to.equal(null);
    expect(resumePosition(null, 'a', 600)).to.equal(null);
  });

  it('local search folds case and accents; rails put the latest first and group by sport', () => {
    const p = (id: string, title: string, extra: Partial<Programme> = {}): Programme => ({
      ...{ id, title, shortTitle: title, synopsis: '', locale: 'fr', fallback: false, status: 'ready', durationSec: 1, poster: null, hls: 'x' },
      ...{ sport: null, sportCode: null, discipline: null, disciplineCode: null, event: null, localizedEvent: null, gamesEdition: null, recordedAt: null, tags: [], audio: [], subtitles: [], thumbnails: null },
      ...extra,
    });
    const items = [p('1', 'Finale du 400 m haies'), p('2', 'Épée individuelle', { sport: 'Escrime', recordedAt: '2024-08-01' }), p('3', 'Sabre', { sport: 'Escrime', recordedAt: '2024-08-03' })];
    expect(fold('ÉPÉE')).to.equal('epee');
    expect(filterProgrammes(items, 'epee').map((x) => x.id)).to.deep.equal(['2']);
    expect(filterProgrammes(items, 'HAIES').map((x) => x.id)).to.deep.equal(['1']);
    const rails = buildRails(items);
    expect(rails[0]!.kind).to.equal('latest');
    expect(rails[0]!.items.map((x) => x.id)).to.deep.equal(['3', '2', '1']);
    expect(rails.slice(1)).to.deep.equal([{ kind: 'sport', sport: 'Escrime', sportCode: null, items: [items[1], items[2]] }]);
    // one rail per sport code, whatever name each programme was typed with
    const coded = [p('4', 'a', { sport: 'Fencing', sportCode: 'fencing' }), p('5', 'b', { sport: 'fencing ', sportCode: 'fencing' }), p('6', 'c', { sport: 'Escrime' })];
    expect(buildRails(coded).slice(1).map((r) => [r.sportCode, r.items.map((x) => x.id)])).to.deep.equal([
      ['fencing', ['4', '5']],
      [null, ['6']],
    ]);
  });

  it('a 451 reads "not available in your region" with the opening date, in the viewer’s language and region clock', async () => {
    const t = i18next.createInstance();
    const load = (l: string) => JSON.parse(readFileSync(path.join(root, 'locales', l, 'player.json'), 'utf8'));
    await t.init({ lng: 'fr', fallbackLng: 'en', resources: { fr: { translation: load('fr') }, en: { translation: load('en') } }, interpolation: { escapeValue: false } });
    const ctx = { viewer: () => ({ lang: 'fr', region: 'FR' }), regions: () => [] } as unknown as PageContext;
    const err = new ApiError(451, 'unavailable_in_region', 'nope', '2026-07-24T00:00:00Z');
    expect(apiErrorMessage(err, t.t, ctx)).to.equal('Ce programme n’est pas disponible dans votre région avant le 24 juillet 2026 à 02:00.');
    expect(apiErrorMessage(new ApiError(451, 'unavailable_in_region', 'nope'), t.t, ctx)).to.equal('Ce programme n’est pas disponible dans votre région.');
  });
});
