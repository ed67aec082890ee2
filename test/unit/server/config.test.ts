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

  describe('object storage (PODIUM_S3_*)', () => {
    const S3 = { PODIUM_S3_ENDPOINT: 'http://127.0.0.1:8095', PODIUM_S3_BUCKET: 'podium', PODIUM_S3_REGION: 'us-east-1', PODIUM_S3_ACCESS_KEY_ID: 'podium:dev', PODIUM_S3_SECRET_ACCESS_KEY: 'secret' };

    it('is off (media on disk) without them, on with all five, path-style by default', () => {
      expect(loadConfig({}).s3).to.equal(null);
      expect(loadConfig(S3).s3).to.deep.equal({ endpoint: 'http://127.0.0.1:8095', bucket: 'podium', region: 'us-east-1', accessKeyId: 'podium:dev', secretAccessKey: 'secret', pathStyle: true });
      expect(loadConfig({ ...S3, PODIUM_S3_PATH_STYLE: 'false' }).s3?.pathStyle).to.equal(false);
    });

    it('refuses half a configuration, naming the missing variable, a bad endpoint or bucket, and a grace shorter than playback URLs live', () => {
      expect(() => loadConfig({ ...S3, PODIUM_S3_SECRET_ACCESS_KEY: '' })).to.throw(ConfigError, /^PODIUM_S3_SECRET_ACCESS_KEY: must be set with PODIUM_S3_ENDPOINT/);
      expect(() => loadConfig({ ...S3, PODIUM_S3_ENDPOINT: 'ftp://x' })).to.throw(ConfigError, /^PODIUM_S3_ENDPOINT: /);
      expect(() => loadConfig({ ...S3, PODIUM_S3_BUCKET: 'No_Such' })).to.throw(ConfigError, /^PODIUM_S3_BUCKET: /);
      expect(() => loadConfig({ ...S3, PODIUM_S3_ORPHAN_GRACE_SEC: '3600' })).to.throw(ConfigError, /^PODIUM_S3_ORPHAN_GRACE_SEC: must be at least PODIUM_PLAYBACK_TOKEN_TTL_SEC/);
    });
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
