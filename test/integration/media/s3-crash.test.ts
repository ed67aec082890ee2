// A worker killed while it uploads a rendition to the bucket (issue 13): what it left is not a
// playable rendition (no master.m3u8: it goes last), nothing names it, and the sweeps remove it
// (the bucket's orphans past the grace period, the local work folder once stale).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createS3Client } from '../../../server/media/s3-client.js';
import { S3MediaStore } from '../../../server/media/s3-store.js';
import { tempDir } from '../../helpers/media.js';
import { listKeys, requireS3, s3TestPrefix } from '../../helpers/s3.js';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../helpers/s3-commit-child.ts');

describe('S3MediaStore: a crash mid-upload', function () {
  it('leaves no master playlist and nothing a reader can play; the orphan sweep and the stale sweep remove the rest', async function () {
    const settings = await requireS3(this);
    const prefix = s3TestPrefix();
    const workDir = path.join(await tempDir('podium-s3-crash-'), 'work');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, PODIUM_TEST_S3: JSON.stringify({ settings, prefix, workDir, programmeId: 'p1', renditionId: 'r1', files: 40, crashAfter: 12 }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += String(c)));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).to.equal('SIGKILL');

    const client = createS3Client(settings);
    const store = new S3MediaStore({ client, bucket: settings.bucket, prefix, workDir });
    const left = await listKeys(client, settings.bucket, prefix);
    expect(left.length, 'some files were uploaded before the crash').to.be.within(1, 40);
    expect(left).to.not.include(`${prefix}media/p1/r1/master.m3u8`);
    expect(await store.stat('p1/r1', 'master.m3u8')).to.equal(null);
    expect(fs.existsSync(path.join(workDir, 'p1', 'r1')), 'the local folder is left too').to.equal(true);

    // no programme names p1/r1: past the grace period (measured a minute on: the bucket rounds times up) it goes
    expect(await store.sweepOrphans(new Set(), 3600_000)).to.deep.equal([]);
    expect(await store.sweepOrphans(new Set(), 30_000, Date.now() + 60_000)).to.deep.equal(['p1/r1']);
    expect(await listKeys(client, settings.bucket, prefix)).to.deep.equal([]);
    expect(await store.sweepStale(0)).to.include(path.join(workDir, 'p1', 'r1'));
    expect(fs.existsSync(path.join(workDir, 'p1', 'r1'))).to.equal(false);
  });
});
