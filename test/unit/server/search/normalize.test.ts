import { expect } from 'chai';
import { normalizeText, parseQuery } from '../../../../server/search/index.js';
import { cjkGrams, isCjkTerm } from '../../../../server/search/normalize.js';

describe('search normalization', () => {
  it('removes Latin accents and case, keeps CJK, kana voicing and Hangul', () => {
    expect(normalizeText('Équipe de FRANCE — Café Crème')).to.equal('equipe de france — cafe creme');
    expect(normalizeText('Straße Ærø Łódź Øresund')).to.equal('strasse aero lodz oresund');
    expect(normalizeText('ＯＬＹＭＰＩＣ　ﬁnal')).to.equal('olympic final');
    expect(normalizeText('ガンバレ がんばれ')).to.equal('ガンバレ がんばれ');
    expect(normalizeText('ｶﾞﾝﾊﾞﾚ')).to.equal('ガンバレ');
    expect(normalizeText('태권도 결승')).to.equal('태권도 결승');
    expect(normalizeText('北京奥运会')).to.equal('北京奥运会');
  });

  it('splits queries into trigram-sized and short terms', () => {
    expect(parseQuery('  Café, olympique!! ')).to.deep.equal({ long: ['cafe', 'olympique'], short: [] });
    expect(parseQuery('奥运 北京奥运会')).to.deep.equal({ long: ['北京奥运会'], short: [] });
    expect(parseQuery('奥运 F1')).to.deep.equal({ long: [], short: ['奥运', 'f1'] });
    expect(parseQuery('"; DROP TABLE x; --')).to.deep.equal({ long: ['drop', 'table'], short: ['x'] });
    expect(parseQuery('')).to.deep.equal({ long: [], short: [] });
    expect(parseQuery(null as unknown as string)).to.deep.equal({ long: [], short: [] });
    expect(parseQuery('a'.repeat(10_000)).long[0]!.length).to.equal(200);
    expect(parseQuery('a b c d e f g h i j k').short).to.have.length(8);
  });

  it('derives CJK unigrams and bigrams for the short-term index', () => {
    expect(cjkGrams('柔道 女子決勝', 'judo')).to.equal('柔 柔道 道 女 女子 子 子決 決 決勝 勝');
    expect(cjkGrams('유도!', 'サーフィン')).to.equal('유 유도 도 サ サー ー ーフ フ フィ ィ ィン ン');
    expect(cjkGrams('no cjk here')).to.equal('');
    expect(isCjkTerm('柔道')).to.equal(true);
    expect(isCjkTerm('f1')).to.equal(false);
    expect(isCjkTerm('金a')).to.equal(false);
  });
});
