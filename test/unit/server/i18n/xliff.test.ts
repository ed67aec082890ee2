import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildXliff, exportLocale, importXliff, parseXliff } from '../../../../server/i18n/xliff.js';
import { spawnSync } from 'node:child_process';
import { FIXTURES, ROOT } from './helpers.js';

describe('XLIFF 2.0 interchange', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'podium-xliff-'));
    cpSync(path.join(FIXTURES, 'good'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports one unit per key and per CLDR plural category, with notes and <ph> codes', () => {
    const xml = buildXliff(exportLocale({ localesDir: dir, locale: 'ar', sourceRoots: [{ dir: path.join(FIXTURES, 'good-src'), namespace: 'player' }] }));
    expect(xml).to.include('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">');
    for (const c of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(xml).to.include(`<unit id="home.medals_${c}"`);
    expect(xml).to.include('<note category="plural">few (e.g. 3)</note>');
    expect(xml).to.include('<note category="maxLength">8</note>');
    expect(xml).to.include('<note category="description">Button label</note>');
    expect(xml).to.match(/<note category="location">[^<]*good-src\/app\.ts:2<\/note>/);
    expect(xml).to.include('<data id="d1">{{count}}</data>');
    expect(xml).to.include('<data id="d1">&lt;b&gt;</data>');
    expect(xml).to.include('<source>Hello <ph id="1" dataRef="d1"/><ph id="2" dataRef="d2"/><ph id="3" dataRef="d3"/></source>');
  });

  for (const locale of ['ar', 'ru', 'fr', 'zh-Hant', 'zh-Hant-HK']) {
    it(`round-trips ${locale}: plurals, placeholders and context survive`, () => {
      const before = exportLocale({ localesDir: dir, locale });
      const xml = buildXliff(before);
      const parsed = parseXliff(xml);
      expect(JSON.parse(JSON.stringify(parsed))).to.deep.equal(JSON.parse(JSON.stringify(before)));
      const original = readFileSync(path.join(dir, locale, 'player.json'), 'utf8');
      rmSync(path.join(dir, locale, 'player.json'));
      const result = importXliff(parsed, dir);
      expect(result.skipped).to.deep.equal([]);
      expect(JSON.parse(readFileSync(path.join(dir, locale, 'player.json'), 'utf8'))).to.deep.equal(JSON.parse(original));
    });
  }

  it('imports a target edited in a CAT tool, restoring placeholders from originalData', () => {
    const xml = buildXliff(exportLocale({ localesDir: dir, locale: 'fr' })).replace(
      /(<unit id="home.greeting"[\s\S]*?<target>)[\s\S]*?(<\/target>)/,
      '$1Salut <ph id="1" dataRef="d1"/><ph id="2" dataRef="d2"/> &amp; bienvenue<ph id="3" dataRef="d3"/>$2',
    );
    importXliff(parseXliff(xml), dir);
    const fr = JSON.parse(readFileSync(path.join(dir, 'fr', 'player.json'), 'utf8'));
    expect(fr.home.greeting).to.equal('Salut <b>{{name}} & bienvenue</b>');
    expect(fr.home.medals_many).to.equal('{{count}} de médailles');
  });

  it('gives every placeholder occurrence its own id and matches target codes to source codes', () => {
    const doc = { srcLang: 'en', trgLang: 'fr', files: [{ id: 'player', units: [{ id: 'x', notes: [], source: '{{a}} vs {{b}}, {{a}} again', target: '{{b}} contre {{a}}, encore {{a}}' }] }] };
    const xml = buildXliff(doc);
    expect(xml).to.include('<source><ph id="1" dataRef="d1"/> vs <ph id="2" dataRef="d2"/>, <ph id="3" dataRef="d1"/> again</source>');
    expect(xml).to.include('<target><ph id="2" dataRef="d2"/> contre <ph id="1" dataRef="d1"/>, encore <ph id="3" dataRef="d1"/></target>');
    expect(JSON.parse(JSON.stringify(parseXliff(xml)))).to.deep.equal(doc);
  });

  it('refuses units that point at unknown data and documents that are not XLIFF 2.0', () => {
    expect(() => parseXliff('<xliff version="1.2"></xliff>')).to.throw(/only 2.0/);
    const bad = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="player"><unit id="a"><segment><source><ph id="1" dataRef="nope"/></source></segment></unit></file></xliff>';
    expect(() => parseXliff(bad)).to.throw(/unknown data/);
  });

  it('skips keys the English source does not have', () => {
    const xml = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="player"><unit id="home.ghost"><segment><source>x</source><target>y</target></segment></unit></file></xliff>';
    writeFileSync(path.join(dir, 'in.xlf'), xml);
    const result = importXliff(parseXliff(readFileSync(path.join(dir, 'in.xlf'), 'utf8')), dir);
    expect(result.skipped).to.deep.equal(['player:home.ghost']);
  });

  it('npm run i18n:export / i18n:import round-trip the real locales/ byte for byte', () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    cpSync(path.join(ROOT, 'locales'), path.join(dir, 'real'), { recursive: true });
    const before = readFileSync(path.join(dir, 'real', 'ar', 'server.json'), 'utf8');
    const xlf = path.join(dir, 'ar.xlf');
    const out = spawnSync(tsx, ['server/i18n/xliff.ts', 'export', 'ar', xlf, '--locales', path.join(dir, 'real')], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status, out.stderr).to.equal(0);
    rmSync(path.join(dir, 'real', 'ar'), { recursive: true });
    const back = spawnSync(tsx, ['server/i18n/xliff.ts', 'import', xlf, '--locales', path.join(dir, 'real')], { cwd: ROOT, encoding: 'utf8' });
    expect(back.status, back.stderr).to.equal(0);
    expect(readFileSync(path.join(dir, 'real', 'ar', 'server.json'), 'utf8')).to.equal(before);
  });
});
