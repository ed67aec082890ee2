// The browser tests never skip silently: with CI=true a missing Chromium is a failure.
import { expect } from 'chai';
import { findChromium, requireChromium } from '../helpers/browser.js';

describe('browser test helper: finding Chromium', () => {
  const missing = { CHROMIUM_PATH: '/nonexistent/chromium' };

  it('honours CHROMIUM_PATH', () => {
    expect(findChromium(missing)).to.equal(null);
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).to.equal(process.execPath);
  });

  it('fails with CI=true when Chromium is missing', () => {
    const ctx = { skip: () => expect.fail('must not skip on CI') } as unknown as Mocha.Context;
    expect(() => requireChromium(ctx, { ...missing, CI: 'true' })).to.throw(/Chromium not found.*CI=true/);
  });

  it('skips with a warning elsewhere', () => {
    let skipped = false;
    const ctx = {
      skip: () => {
        skipped = true;
        throw new Error('skipped');
      },
    } as unknown as Mocha.Context;
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      expect(() => requireChromium(ctx, missing)).to.throw('skipped');
    } finally {
      console.warn = warn;
    }
    expect(skipped).to.equal(true);
    expect(String(warnings[0])).to.match(/BROWSER TESTS SKIPPED/);
  });
});
