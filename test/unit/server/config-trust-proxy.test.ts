// PODIUM_TRUST_PROXY: a hop count or a list of addresses / CIDR ranges / express's named ranges;
// anything else is refused at start, naming the variable.
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('config: PODIUM_TRUST_PROXY', () => {
  const trust = (v: string | undefined) => loadConfig({ PODIUM_TRUST_PROXY: v }).trustProxy;

  it('is unset by default (the socket address counts)', () => {
    expect(trust(undefined)).to.equal(undefined);
    expect(trust('')).to.equal(undefined);
  });

  it('takes a hop count or a list', () => {
    expect(trust('1')).to.equal(1);
    expect(trust('loopback')).to.deep.equal(['loopback']);
    expect(trust(' 10.0.0.0/8, 192.168.1.7 ,uniquelocal,::1,fd00::/8 ')).to.deep.equal(['10.0.0.0/8', '192.168.1.7', 'uniquelocal', '::1', 'fd00::/8']);
  });

  for (const bad of ['0', '11', 'true', 'everyone', '10.0.0.0/33', '10.0.0.300', 'fd00::/129', '10.0.0.0/8/1', ',']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(() => trust(bad)).to.throw(ConfigError, /^PODIUM_TRUST_PROXY: /);
    });
  }
});
