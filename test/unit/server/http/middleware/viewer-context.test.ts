import { expect } from 'chai';
import type { Request, Response } from 'express';
import { createViewerContext, type ViewerContext } from '../../../../../server/http/middleware/viewer-context.js';
import { RegionTable, createRegionResolver } from '../../../../../server/regions/index.js';

function call(query: Record<string, unknown>, headers: Record<string, string>) {
  const mw = createViewerContext({
    regions: new RegionTable(),
    resolveRegion: createRegionResolver({ defaultRegion: 'FR', trustedHeader: 'cf-ipcountry' }),
    available: ['en', 'fr', 'zh-Hans', 'zh-Hant', 'zh-Hant-HK'],
    trustedHeader: 'CF-IPCountry',
  });
  const set: Record<string, string> = {};
  const res = { locals: {} as Record<string, unknown>, setHeader: (k: string, v: string) => (set[k] = v) } as unknown as Response;
  let called = false;
  mw({ query, headers } as unknown as Request, res, () => (called = true));
  expect(called).to.equal(true);
  return { viewer: (res.locals as { viewer: ViewerContext }).viewer, headers: set };
}

describe('viewer context middleware', () => {
  it('HK viewer with Accept-Language zh-HK gets Traditional (HK)', () => {
    const { viewer, headers } = call({}, { 'cf-ipcountry': 'HK', 'accept-language': 'zh-HK,zh;q=0.9' });
    expect(viewer).to.deep.include({ region: 'HK', regionSource: 'header', locale: 'zh-Hant-HK', fallback: false });
    expect(headers).to.deep.equal({ 'Content-Language': 'zh-Hant-HK', Vary: 'Accept-Language, Cookie, CF-IPCountry' });
  });

  it('MO viewer with no language preference reads Traditional; CN Simplified', () => {
    expect(call({}, { 'cf-ipcountry': 'MO' }).viewer).to.deep.include({ region: 'MO', locale: 'zh-Hant-HK' });
    expect(call({}, { 'cf-ipcountry': 'CN' }).viewer).to.deep.include({ region: 'CN', locale: 'zh-Hans' });
  });

  it('?lang= and the cookie beat Accept-Language; garbage never throws', () => {
    expect(call({ lang: 'fr' }, { 'accept-language': 'en' }).viewer.locale).to.equal('fr');
    expect(call({}, { cookie: 'x=1; podium_lang=zh-TW', 'accept-language': 'en' }).viewer.locale).to.equal('zh-Hant');
    const g = call({ lang: { $ne: 1 }, region: ['ZZ'] }, { 'accept-language': '\u0000;q=;;'.repeat(500), cookie: '%%%' });
    expect(g.viewer).to.deep.include({ region: 'FR', locale: 'fr' });
  });
});
