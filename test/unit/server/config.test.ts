import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('server/config', () => {
  it('has working defaults: port 8080, SQLite under the data dir, one worker', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(8080);
    expect(c.dataPath).to.equal(path.resolve('data'));
    expect(c.database).to.equal(`sqlite:${path.resolve('data', 'podium.sqlite')}`);
    expect(c.workers).to.equal(1);
    expect(c.demo).to.equal(true);
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('reads and coerces environment variables', () => {
    const c = loadConfig({ PORT: '0', PODIUM_DEMO: 'no', PODIUM_UPLOAD_MAX_BYTES: '1000', DATABASE_URL: 'postgres://u@h/db', PODIUM_DATA_DIR: '/tmp/x' });
    expect(c.port).to.equal(0);
    expect(c.demo).to.equal(false);
    expect(c.uploadMaxBytes).to.equal(1000);
    expect(c.database).to.equal('postgres://u@h/db');
    expect(c.dataPath).to.equal('/tmp/x');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).to.equal(8080);
  });

  for (const [env, value] of [
    ['PORT', '70000'],
    ['PORT', 'http'],
    ['PODIUM_DEMO', 'maybe'],
    ['PODIUM_ADMIN_TOKEN', 'short'],
    ['PODIUM_UPLOAD_MAX_BYTES', '-1'],
    ['PODIUM_WORKERS', '1.5'],
    ['PODIUM_JOB_LEASE_SEC', '1'],
    ['LOG_LEVEL', 'loud'],
    ['PODIUM_CHANNEL_DVR_SEC', '10'],
    ['PODIUM_PLAYBACK_TOKEN_TTL_SEC', '3600'],
  ] as const) {
    it(`rejects ${env}=${value} with a ConfigError naming the variable`, () => {
      expect(() => loadConfig({ [env]: value }))
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(new RegExp(`^${env}: `));
    });
  }
});
