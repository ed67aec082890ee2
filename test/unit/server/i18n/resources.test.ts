import { expect } from 'chai';
import { compareKeys, flatten, parseJson, serialize, stripMeta, unflatten } from '../../../../server/i18n/check/resources.js';
import { fallbackChain, i18nextFallbacks } from '../../../../server/i18n/check/locales.js';
import { scriptTables, wrongScript } from '../../../../server/i18n/check/script.js';
import { displayLength } from '../../../../server/i18n/check/length.js';

describe('i18n resources', () => {
  it('orders keys stably: base, its @meta, then plural forms in CLDR order', () => {
    const keys = ['medals_other', 'b', 'medals_few', '@medals', 'medals_one', 'a', 'medals_zero'];
    expect(keys.sort(compareKeys)).to.deep.equal(['a', 'b', '@medals', 'medals_zero', 'medals_one', 'medals_few', 'medals_other']);
    expect(['b', '@a', 'a'].sort(compareKeys)).to.deep.equal(['a', '@a', 'b']);
    expect(['x_other', 'x_one', 'x_many'].sort(compareKeys)).to.deep.equal(['x_one', 'x_many', 'x_other']);
  });

  it('round-trips nested JSON through flat keys, with meta beside its key', () => {
    const tree = { home: { title: 'T', '@title': { maxLength: 5 }, n_one: '1', n_other: '2' } };
    const flat = flatten(tree);
    expect([...flat.strings.keys()]).to.deep.equal(['home.title', 'home.n_one', 'home.n_other']);
    expect(flat.meta.get('home.title')).to.deep.equal({ maxLength: 5 });
    expect(serialize(unflatten(flat.strings, flat.meta))).to.equal(serialize(tree));
    expect(serialize(tree).endsWith('}\n')).to.equal(true);
  });

  it('stripMeta removes every @key so the runtime never holds it', () => {
    expect(stripMeta({ a: 'A', '@a': { note: 'n' }, b: { c: 'C', '@c': {} } })).to.deep.equal({ a: 'A', b: { c: 'C' } });
  });

  it('turns JSON errors into line:column', () => {
    const r = parseJson('{\n  "a": "x"\n  "b": 1\n}');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect([r.error.line, r.error.column]).to.deep.equal([3, 3]);
  });

  it('builds fallback chains without a bare zh', () => {
    const all = ['en', 'zh-Hans', 'zh-Hant', 'zh-Hant-HK', 'fr'];
    expect(fallbackChain('zh-Hant-HK', all)).to.deep.equal(['zh-Hant', 'en']);
    expect(fallbackChain('fr', all)).to.deep.equal(['en']);
    expect(i18nextFallbacks(all)).to.deep.equal({ default: ['en'], 'zh-Hant-HK': ['zh-Hant', 'en'] });
  });

  it('script table knows common pairs and leaves shared characters alone', () => {
    const { simplifiedOnly, traditionalOnly } = scriptTables();
    for (const [s, t] of [['发', '發'], ['运', '運'], ['会', '會'], ['赛', '賽'], ['奥', '奧'], ['决', '決'], ['节', '節']]) {
      expect(simplifiedOnly.get(s), s).to.equal(t);
      expect(traditionalOnly.get(t), t).to.equal(s);
    }
    for (const shared of '的中后干台里面') {
      expect(simplifiedOnly.has(shared), shared).to.equal(false);
      expect(traditionalOnly.has(shared), shared).to.equal(false);
    }
    expect(wrongScript('奥运会', 'Hant').map(([c]) => c)).to.deep.equal(['奥', '运', '会']);
    expect(wrongScript('奧運會', 'Hant')).to.deep.equal([]);
  });

  it('counts length in graphemes without tags and placeholders', () => {
    expect(displayLength('<b>Live</b> {{count}}')).to.equal(5);
    expect(displayLength('🇫🇷 É')).to.equal(3);
  });
});
