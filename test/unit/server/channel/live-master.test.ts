// The channel's master playlist (server/channel/live-master.ts): which tiers it lists, whether
// each tier's figures hold for every programme the channel airs, the names of its media
// playlists and their parser. Read back with our own parser and with hls.js's.
import { expect } from 'chai';
// The ESM build: the CommonJS one (what a bare 'hls.js' resolves to here) exports only the player class.
import { M3U8Parser } from 'hls.js/dist/hls.mjs';
import {
  audioFor,
  CHANNEL_TIERS,
  channelTiers,
  coveringCodecs,
  parseLiveRendition,
  renderChannelMaster,
  renditionName,
  subtitlesFor,
  variantFor,
  type LiveLineup,
  type Tier,
} from '../../../../server/channel/live-master.js';
import type { ProgrammeMedia } from '../../../../server/channel/live-types.js';
import { parseAttributes, parseMasterPlaylist } from '../../../../transcoder/playlist.js';
import { ALL, LANGUAGES, MAGAZINE, PORTRAIT, SLATE, SPORT, SUBTITLE_LANGUAGES } from './live-fixtures.js';

const LINEUP: LiveLineup = { media: ALL, languages: LANGUAGES, subtitleLanguages: SUBTITLE_LANGUAGES };
const tierNamed = (name: string): Tier => CHANNEL_TIERS.find((t) => t.name === name)!;
const size = (v: { width: number; height: number }) => `${v.width}x${v.height}`;

/** avc1.PPCCLL → [profile_idc, level_idc] */
function avc(codec: string): [number, number] {
  const m = /^avc1\.([0-9a-f]{2})[0-9a-f]{2}([0-9a-f]{2})$/.exec(codec);
  if (!m) throw new Error(`not an AVC codec string: ${codec}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16)];
}

/** Every URI the master lists: variants, EXT-X-MEDIA and I-frame playlists. */
function listedUris(master: string): string[] {
  const pl = parseMasterPlaylist(master);
  const iframes = master
    .split('\n')
    .filter((l) => l.startsWith('#EXT-X-I-FRAME-STREAM-INF:'))
    .map((l) => parseAttributes(l.slice(26)).URI!);
  return [...pl.variants.map((v) => v.uri), ...pl.media.map((m) => m.URI!), ...iframes];
}

describe('channel/live-master', () => {
  describe('tiers and rungs', () => {
    it('lists no tier above the largest rung any programme has, at least the smallest one', () => {
      const names = (media: readonly ProgrammeMedia[]) => channelTiers(media).map((t) => t.name);
      expect(names(ALL)).to.deep.equal(['v1080', 'v720', 'v540', 'v360', 'v234']);
      expect(names([MAGAZINE, SLATE])).to.deep.equal(['v720', 'v540', 'v360', 'v234']);
      // 720x1280 has as many pixels as 1280x720
      expect(names([PORTRAIT])).to.deep.equal(['v720', 'v540', 'v360', 'v234']);
      const tiny = { ...SLATE, programmeId: 'p-tiny', variants: [{ ...SLATE.variants[1]!, width: 320, height: 180 }] };
      expect(names([tiny])).to.deep.equal(['v234']);
    });

    it('airs in each tier the largest rung within its pixels, else the smallest rung', () => {
      const aired = (m: ProgrammeMedia) => CHANNEL_TIERS.map((t) => size(variantFor(m, t)));
      expect(aired(SPORT)).to.deep.equal(['1920x1080', '1280x720', '960x540', '640x360', '416x234']);
      expect(aired(MAGAZINE)).to.deep.equal(['1280x720', '1280x720', '854x480', '640x360', '640x360']);
      expect(aired(PORTRAIT)).to.deep.equal(['720x1280', '720x1280', '540x960', '360x640', '360x640']);
      expect(aired(SLATE)).to.deep.equal(['1280x720', '1280x720', '640x360', '640x360', '640x360']);
    });

    it('covers mixed AVC profiles and levels with one codec string', () => {
      expect(coveringCodecs(['avc1.64001f', 'avc1.4d0028'])).to.deep.equal(['avc1.640028']);
      // constrained baseline (42e0) and baseline (42c0): only the flags both carry
      expect(coveringCodecs(['avc1.42e01e', 'avc1.42c01f'])).to.deep.equal(['avc1.42c01f']);
      expect(coveringCodecs(['avc1.64001f', 'avc1.64001f'])).to.deep.equal(['avc1.64001f']);
      expect(coveringCodecs(['hvc1.1.6.L93.B0', 'avc1.64001e'])).to.deep.equal(['avc1.64001e', 'hvc1.1.6.L93.B0']);
    });
  });

  describe('the master', () => {
    const master = renderChannelMaster(LINEUP);
    const pl = parseMasterPlaylist(master);

    it('declares, per tier, figures that hold for every programme the channel airs', () => {
      expect(pl.independentSegments).to.equal(true);
      expect(pl.variants.map((v) => v.uri).sort()).to.deep.equal(['v1080.m3u8', 'v234.m3u8', 'v360.m3u8', 'v540.m3u8', 'v720.m3u8']);
      for (const { attrs, uri } of pl.variants) {
        const t = tierNamed(uri.replace('.m3u8', ''));
        expect(attrs.RESOLUTION).to.equal(size(t));
        expect(attrs.AUDIO).to.equal('aud');
        expect(attrs.SUBTITLES).to.equal('subs');
        const [videoCodec, ...audioCodecs] = attrs.CODECS!.split(',');
        expect(audioCodecs).to.deep.equal(['mp4a.40.2']);
        const [profile, level] = avc(videoCodec!);
        let bandwidth = 0;
        let fps = 0;
        for (const m of ALL) {
          const v = variantFor(m, t);
          const aired = LANGUAGES.map((l) => audioFor(m, l)!);
          const need = v.peakBitrate + Math.max(...aired.map((a) => a.peakBitrate));
          const needAverage = v.averageBitrate + Math.max(...aired.map((a) => a.averageBitrate));
          expect(Number(attrs.BANDWIDTH), `${uri} BANDWIDTH for ${m.programmeId}`).to.be.at.least(need);
          expect(Number(attrs['AVERAGE-BANDWIDTH']), `${uri} AVERAGE-BANDWIDTH for ${m.programmeId}`).to.be.at.least(needAverage);
          expect(Number(attrs['FRAME-RATE']), `${uri} FRAME-RATE for ${m.programmeId}`).to.be.at.least(v.fps);
          const [p, l] = avc(v.codec);
          expect(profile, `${uri} profile for ${m.programmeId}`).to.be.at.least(p);
          expect(level, `${uri} level for ${m.programmeId}`).to.be.at.least(l);
          bandwidth = Math.max(bandwidth, need);
          fps = Math.max(fps, v.fps);
        }
        // honest, not padded: the largest need is what is declared
        expect(Number(attrs.BANDWIDTH)).to.equal(bandwidth);
        expect(attrs['FRAME-RATE']).to.equal(fps.toFixed(3));
      }
      const v720 = pl.variants.find((v) => v.uri === 'v720.m3u8')!.attrs;
      // sport 720p50 (4.4 Mb/s + French 135 kb/s) vs magazine 720p25 (3.3 Mb/s + French 5.1 at 400 kb/s)
      expect(v720).to.include({ BANDWIDTH: String(4_400_000 + 140_000), CODECS: 'avc1.640020,mp4a.40.2', 'FRAME-RATE': '50.000' });
      // the portrait clip's Main@4.0 smallest rung airs in v360 and v234: High@4.0 covers it and sport's High@3.0
      expect(pl.variants.find((v) => v.uri === 'v360.m3u8')!.attrs.CODECS).to.equal('avc1.640028,mp4a.40.2');
    });

    it('starts players on the tier nearest 2 Mb/s, then lists the others from the largest down', () => {
      expect(pl.variants.map((v) => v.uri)).to.deep.equal(['v540.m3u8', 'v1080.m3u8', 'v720.m3u8', 'v360.m3u8', 'v234.m3u8']);
    });

    it('lists one audio rendition per channel language, the first DEFAULT, named in its own language', () => {
      const audio = pl.media.filter((m) => m.TYPE === 'AUDIO');
      expect(audio.map((a) => [a.LANGUAGE, a.NAME, a.DEFAULT, a.AUTOSELECT, a['GROUP-ID'], a.URI])).to.deep.equal([
        ['fr', 'Français', 'YES', 'YES', 'aud', 'a-fr.m3u8'],
        ['en', 'English', 'NO', 'YES', 'aud', 'a-en.m3u8'],
        ['de', 'Deutsch', 'NO', 'YES', 'aud', 'a-de.m3u8'],
      ]);
      // the magazine's French 5.1; German airs each programme's main audio, the magazine's 5.1 again
      expect(audio.map((a) => a.CHANNELS)).to.deep.equal(['6', '2', '6']);
    });

    it('lists one subtitle rendition per subtitle language, none DEFAULT', () => {
      const subs = pl.media.filter((m) => m.TYPE === 'SUBTITLES');
      expect(subs.map((s) => [s.LANGUAGE, s.NAME, s.DEFAULT, s.AUTOSELECT, s['GROUP-ID'], s.URI])).to.deep.equal([
        ['en', 'English', 'NO', 'YES', 'subs', 's-en.m3u8'],
        ['zh-Hant', '繁體中文', 'NO', 'YES', 'subs', 's-zh-hant.m3u8'],
        ['fr', 'Français', 'NO', 'YES', 'subs', 's-fr.m3u8'],
      ]);
      const none = parseMasterPlaylist(renderChannelMaster({ ...LINEUP, subtitleLanguages: [] }));
      expect(none.media.filter((m) => m.TYPE === 'SUBTITLES')).to.have.length(0);
      expect(none.variants.every((v) => !('SUBTITLES' in v.attrs))).to.equal(true);
    });

    it('lists an I-frame playlist only for the tiers where every programme has one', () => {
      const lines = master.split('\n').filter((l) => l.startsWith('#EXT-X-I-FRAME-STREAM-INF:'));
      // the portrait clip's smallest rung (aired in v360 and v234) has no I-frame playlist
      expect(lines.map((l) => parseAttributes(l.slice(26)).URI)).to.deep.equal(['v1080-iframes.m3u8', 'v720-iframes.m3u8', 'v540-iframes.m3u8']);
      const v720 = parseAttributes(lines[1]!.slice(26));
      expect(v720).to.include({ RESOLUTION: '1280x720', CODECS: 'avc1.640020', BANDWIDTH: String(Math.max(...ALL.map((m) => variantFor(m, tierNamed('v720')).iframes!.bandwidth))) });
      expect(parseLiveRendition('v360-iframes', LINEUP)).to.equal(null);
    });

    it('is read by hls.js as written', () => {
      const parsed = M3U8Parser.parseMasterPlaylist(master, 'https://podium.test/live/t/tok/ch/master.m3u8');
      expect(parsed.playlistParsingError).to.equal(null);
      expect(parsed.levels.map((l) => [l.width, l.height, l.videoCodec, l.audioCodec, l.attrs['FRAME-RATE']])).to.deep.equal([
        [960, 540, 'avc1.64001f', 'mp4a.40.2', '30.000'],
        [1920, 1080, 'avc1.64002a', 'mp4a.40.2', '50.000'],
        [1280, 720, 'avc1.640020', 'mp4a.40.2', '50.000'],
        [640, 360, 'avc1.640028', 'mp4a.40.2', '30.000'],
        [416, 234, 'avc1.640028', 'mp4a.40.2', '30.000'],
      ]);
      expect(parsed.iframeVariants?.map((v) => v.url)).to.deep.equal(['v1080-iframes', 'v720-iframes', 'v540-iframes'].map((n) => `https://podium.test/live/t/tok/ch/${n}.m3u8`));
      const media = M3U8Parser.parseMasterPlaylistMedia(master, 'https://podium.test/live/t/tok/ch/master.m3u8', parsed);
      expect(media.AUDIO?.map((a) => [a.lang, a.name, a.default])).to.deep.equal([
        ['fr', 'Français', true],
        ['en', 'English', false],
        ['de', 'Deutsch', false],
      ]);
      expect(media.SUBTITLES?.map((s) => s.lang)).to.deep.equal(['en', 'zh-Hant', 'fr']);
    });

    it('writes the same bytes whatever the order of the programmes', () => {
      expect(renderChannelMaster(LINEUP)).to.equal(master);
      expect(renderChannelMaster({ ...LINEUP, media: [...ALL].reverse() })).to.equal(master);
      expect(renderChannelMaster({ ...LINEUP, media: [SLATE, SPORT, PORTRAIT, MAGAZINE] })).to.equal(master);
    });
  });

  describe('rendition names', () => {
    const master = renderChannelMaster(LINEUP);

    it('parses back every name the master lists, and writes it the same way', () => {
      const uris = listedUris(master);
      expect(uris).to.have.length(5 + 3 + 3 + 3);
      for (const uri of uris) {
        const name = uri.replace(/\.m3u8$/, '');
        expect(name).to.match(/^[a-z0-9-]{1,40}$/);
        const r = parseLiveRendition(name, LINEUP);
        expect(r, name).to.not.equal(null);
        expect(renditionName(r!)).to.equal(name);
      }
      expect(parseLiveRendition('s-zh-hant', LINEUP)).to.deep.equal({ kind: 'subtitles', language: 'zh-Hant' });
      expect(parseLiveRendition('a-de', LINEUP)).to.deep.equal({ kind: 'audio', language: 'de' });
      expect(parseLiveRendition('v540', LINEUP)).to.deep.equal({ kind: 'video', tier: tierNamed('v540') });
      expect(parseLiveRendition('v720-iframes', LINEUP)).to.deep.equal({ kind: 'iframes', tier: tierNamed('v720') });
    });

    it('refuses every name the master does not list', () => {
      for (const name of ['', 'master', 'v480', 'a-it', 's-de', 'a-zh-hant', 'V720', 'A-FR', 's-ZH-HANT', 'v234-iframes', 'a-', 's-', '../v720', 'v720.m3u8', 'v720-iframes-iframes']) {
        expect(parseLiveRendition(name, LINEUP), JSON.stringify(name)).to.equal(null);
      }
      // a tier above every programme's rungs is not listed
      expect(parseLiveRendition('v1080', { ...LINEUP, media: [MAGAZINE, SLATE] })).to.equal(null);
      expect(parseLiveRendition('v720', { ...LINEUP, media: [] })).to.equal(null);
    });
  });

  describe('track choice', () => {
    it('airs the channel language, else the main audio; never audio description when a main track matches', () => {
      expect(audioFor(SPORT, 'en')).to.include({ language: 'en', role: 'main' });
      expect(audioFor(SPORT, 'en-GB')).to.include({ language: 'en', role: 'main' });
      expect(audioFor(SPORT, 'de')).to.include({ language: 'en', role: 'main' });
      expect(audioFor(MAGAZINE, 'en')).to.include({ language: 'en', role: 'commentary' });
      expect(audioFor(MAGAZINE, 'de')).to.include({ language: 'fr', role: 'main' });
      expect(audioFor({ ...SLATE, audio: [] }, 'en')).to.equal(null);
    });

    it('airs a subtitle track of the language (scripts never cross), else none', () => {
      expect(subtitlesFor(MAGAZINE, 'zh-hant')?.language).to.equal('zh-Hant');
      expect(subtitlesFor(MAGAZINE, 'zh-TW')?.language).to.equal('zh-Hant');
      expect(subtitlesFor(MAGAZINE, 'zh-Hans')).to.equal(null);
      expect(subtitlesFor(SPORT, 'fr-CA')?.language).to.equal('fr');
      expect(subtitlesFor(SLATE, 'en')).to.equal(null);
    });
  });
});
