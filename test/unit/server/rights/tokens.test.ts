import { expect } from 'chai';
import { PlaybackTokens, bucketedExpiry, signedMediaUrl, parseSignedMediaPath, createRightsAudit, type RightsAuditEntry } from '../../../../server/rights/index.js';

const SECRET = 'k'.repeat(32);
const PID = '3f2c7c1e-5d3a-4b7e-9d0e-1a2b3c4d5e6f';

describe('playback tokens', () => {
  let t = new Date('2026-07-24T00:00:00Z');
  const clock = () => t;
  const tokens = new PlaybackTokens({ secrets: [SECRET], ttlSec: 600, now: clock });
  beforeEach(() => (t = new Date('2026-07-24T00:00:00Z')));

  it('signs URL-safe tokens that verify for the same programme', () => {
    const { token, expiresAt } = tokens.sign({ programmeId: PID, region: 'cn' });
    expect(token).to.match(/^CN\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).to.equal(token);
    expect(expiresAt.toISOString()).to.equal('2026-07-24T00:10:00.000Z');
    expect(tokens.verify(token, PID)).to.deep.equal({ ok: true, region: 'CN', expiresAt });
    expect(tokens.verify(token, PID, { region: 'CN' }).ok).to.equal(true);
  });

  it('a token issued for CN fails in HK and for another programme', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'CN' });
    expect(tokens.verify(token, PID, { region: 'HK' })).to.deep.equal({ ok: false, reason: 'wrong_region' });
    expect(tokens.verify(token, PID.replace('3f', '40'))).to.deep.equal({ ok: false, reason: 'bad_signature' });
    expect(tokens.verify(token.replace(/^CN/, 'HK'), PID)).to.deep.equal({ ok: false, reason: 'bad_signature' });
  });

  it('expires, and never outlives notAfter', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'FR' });
    t = new Date('2026-07-24T00:09:59Z');
    expect(tokens.verify(token, PID).ok).to.equal(true);
    t = new Date('2026-07-24T00:10:00Z');
    expect(tokens.verify(token, PID)).to.deep.equal({ ok: false, reason: 'expired' });
    t = new Date('2026-07-24T00:00:00Z');
    const capped = tokens.sign({ programmeId: PID, region: 'FR', notAfter: new Date('2026-07-24T00:01:00Z') });
    expect(capped.expiresAt.toISOString()).to.equal('2026-07-24T00:01:00.000Z');
  });

  it('rejects forgeries and garbage without throwing', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'FR' });
    const [r, e, s] = token.split('.');
    const later = (parseInt(e!, 36) + 3600).toString(36);
    expect(tokens.verify(`${r}.${later}.${s}`, PID).ok).to.equal(false);
    const flipped = s!.slice(0, -2) + (s!.at(-2) === 'A' ? 'B' : 'A') + s!.at(-1);
    expect(tokens.verify(`${r}.${e}.${flipped}`, PID)).to.deep.equal({ ok: false, reason: 'bad_signature' });
    for (const g of ['', 'x', `${token}x`, token.toLowerCase(), 'FR..', null, 42, 'a'.repeat(5000), `fr.${e}.${s}`]) {
      expect(tokens.verify(g, PID).ok, String(g).slice(0, 20)).to.equal(false);
    }
    const other = new PlaybackTokens({ secrets: ['o'.repeat(32)], now: clock });
    expect(other.verify(token, PID)).to.deep.equal({ ok: false, reason: 'bad_signature' });
  });

  it('accepts only the canonical spelling of a signature (base64url ignores the last character\'s low bits)', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'FR' });
    const [r, e, s] = token.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1)!);
    expect(last % 4, 'a canonical last character has its two low bits clear').to.equal(0);
    for (let low = 1; low < 4; low++) {
      const variant = `${r}.${e}.${s.slice(0, -1)}${alphabet[last + low]}`;
      // the same 32 bytes once decoded: the spelling alone is refused
      expect(Buffer.from(variant.split('.')[2]!, 'base64url').equals(Buffer.from(s, 'base64url'))).to.equal(true);
      expect(tokens.verify(variant, PID)).to.deep.equal({ ok: false, reason: 'malformed' });
    }
    expect(tokens.verify(token, PID).ok).to.equal(true);
  });

  it('bucketed expiry: rounded up to the bucket, never shorter than the TTL', () => {
    const at = (iso: string) => new Date(iso).getTime();
    // a 60 s TTL with 5-minute buckets: a URL signed at 00:04:30 lives until 00:10, not 00:05 − ε
    expect(bucketedExpiry(at('2026-07-24T00:04:30Z'), 60, 300).toISOString()).to.equal('2026-07-24T00:10:00.000Z');
    expect(bucketedExpiry(at('2026-07-24T00:00:01Z'), 60, 300).toISOString()).to.equal('2026-07-24T00:05:00.000Z');
    expect(bucketedExpiry(at('2026-07-24T00:04:00Z'), 60, 300).toISOString()).to.equal('2026-07-24T00:05:00.000Z');
    // viewers within one bucket share the expiry (and so the URL)
    expect(bucketedExpiry(at('2026-07-24T00:00:01Z'), 60, 300).getTime()).to.equal(bucketedExpiry(at('2026-07-24T00:03:59Z'), 60, 300).getTime());
    for (let ms = 0; ms < 600_000; ms += 7_001) {
      const now = at('2026-07-24T00:00:00Z') + ms;
      const exp = bucketedExpiry(now, 60, 300).getTime();
      expect(exp - now).to.be.at.least(60_000).and.below(360_000);
      expect(exp % 300_000).to.equal(0);
    }
    const signed = tokens.sign({ programmeId: PID, region: 'FR', expiresAt: new Date('2026-07-24T00:05:00Z') });
    expect(signed.expiresAt.toISOString()).to.equal('2026-07-24T00:05:00.000Z');
  });

  it('rotates keys: verifies with older secrets, signs with the newest', () => {
    const old = tokens.sign({ programmeId: PID, region: 'JP' }).token;
    const rotated = new PlaybackTokens({ secrets: ['n'.repeat(32), SECRET], ttlSec: 600, now: clock });
    expect(rotated.verify(old, PID).ok).to.equal(true);
    expect(tokens.verify(rotated.sign({ programmeId: PID, region: 'JP' }).token, PID).ok).to.equal(false);
  });

  it('refuses weak configuration', () => {
    expect(() => new PlaybackTokens({ secrets: [] })).to.throw(/secret/);
    expect(() => new PlaybackTokens({ secrets: ['short'] })).to.throw(/32 bytes/);
    expect(() => tokens.sign({ programmeId: PID, region: 'Z9' })).to.throw(/region/);
  });

  it('builds and parses media URLs so relative segment URIs inherit the token', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'CN' });
    const master = signedMediaUrl(token, PID, 'r1');
    expect(master).to.equal(`/media/t/${token}/${PID}/r1/master.m3u8`);
    const segment = new URL('v2/seg_00003.m4s', `http://x${master}`).pathname;
    expect(parseSignedMediaPath(segment.slice('/media/t'.length))).to.deep.equal({ token, programmeId: PID, renditionId: 'r1', file: 'v2/seg_00003.m4s' });
    expect(parseSignedMediaPath('/only/two')).to.equal(null);
    expect(parseSignedMediaPath('//a//b')).to.equal(null);
  });

  it('parses only canonically encoded paths: one file, one URL', () => {
    const { token } = tokens.sign({ programmeId: PID, region: 'CN' });
    const below = `/${token}/${PID}/r1/v2/seg_00003.m4s`;
    expect(parseSignedMediaPath(below)).to.not.equal(null);
    const [r] = token.split('.');
    for (const variant of [
      below.replace(`/${r}.`, `/%${r!.charCodeAt(0).toString(16).toUpperCase()}${r!.slice(1)}.`), // %43N for CN
      below.replace(`/${PID}/`, `/${PID.replace('3', '%33')}/`),
      below.replace('/r1/', '/r%31/'),
      below.replace('seg_', 'seg%5F'),
      below.replace('seg_', 'seg%5f'),
      below.replace('seg_', 'seg%G'),
    ]) {
      expect(parseSignedMediaPath(variant), variant).to.equal(null);
    }
    // names that need encoding keep their one canonical form
    expect(parseSignedMediaPath(`/${token}/${PID}/r1/posters/${encodeURIComponent('é')}.jpg`)!.file).to.equal('posters/%C3%A9.jpg');
    expect(parseSignedMediaPath(`/${token}/${PID}/r1/posters/%c3%a9.jpg`)).to.equal(null);
  });
});

describe('rights audit', () => {
  it('writes programme, region, decision and reason only, folding repeats', () => {
    let t = new Date('2026-07-24T00:00:00Z');
    const out: RightsAuditEntry[] = [];
    const audit = createRightsAudit({ sink: (e) => out.push(e), now: () => t, dedupeSec: 60 });
    const e = { programmeId: PID, region: 'HK', decision: 'deny' as const, reason: 'region_not_licensed' as const, surface: 'segment' as const };
    audit.record(e);
    audit.record(e);
    audit.record(e);
    audit.record({ ...e, region: 'CN', decision: 'allow', reason: 'open' });
    t = new Date('2026-07-24T00:01:01Z');
    audit.record(e);
    expect(out.map((o) => [o.region, o.decision, o.repeats])).to.deep.equal([
      ['HK', 'deny', 0],
      ['CN', 'allow', 0],
      ['HK', 'deny', 2],
    ]);
    expect(Object.keys(out[0]!).sort()).to.deep.equal(['at', 'decision', 'programmeId', 'reason', 'region', 'repeats', 'surface']);
  });

  it('writes every decision with dedupeSec 0', () => {
    const out: RightsAuditEntry[] = [];
    const audit = createRightsAudit({ sink: (e) => out.push(e), dedupeSec: 0 });
    for (let i = 0; i < 3; i++) audit.record({ programmeId: 'p', region: 'FR', decision: 'allow', reason: 'open', surface: 'detail' });
    expect(out).to.have.length(3);
  });
});
