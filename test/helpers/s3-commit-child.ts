// A worker that dies mid-upload, for test/integration/media/s3-crash.test.ts: it packages a
// rendition folder locally, then commits it to the bucket and SIGKILLs itself once the bucket has
// acknowledged CRASH_AFTER files (an AWS SDK middleware counts the answers: a real crash at a
// known point, no fake store). Settings come as JSON in PODIUM_TEST_S3.
import fs from 'node:fs';
import path from 'node:path';
import { createS3Client, type S3Settings } from '../../server/media/s3-client.js';
import { S3MediaStore } from '../../server/media/s3-store.js';

const { settings, prefix, workDir, programmeId, renditionId, files, crashAfter } = JSON.parse(process.env.PODIUM_TEST_S3!) as {
  settings: S3Settings;
  prefix: string;
  workDir: string;
  programmeId: string;
  renditionId: string;
  files: number;
  crashAfter: number;
};
const client = createS3Client(settings);
let stored = 0;
client.middlewareStack.add(
  (next) => async (args) => {
    const result = await next(args);
    if (++stored >= crashAfter) process.kill(process.pid, 'SIGKILL');
    return result;
  },
  { step: 'finalizeRequest', name: 'crashAfterPuts' },
);
const store = new S3MediaStore({ client, bucket: settings.bucket, prefix, workDir });
const r = await store.prepareRendition(programmeId, renditionId);
fs.mkdirSync(path.join(r.dir, 'v0'), { recursive: true });
for (let i = 1; i <= files; i++) fs.writeFileSync(path.join(r.dir, 'v0', `seg_${String(i).padStart(5, '0')}.m4s`), Buffer.alloc(4096, i));
fs.writeFileSync(path.join(r.dir, 'v0', 'index.m3u8'), '#EXTM3U\n');
fs.writeFileSync(path.join(r.dir, 'master.m3u8'), '#EXTM3U\n');
await store.commitRendition(r);
console.log('committed: the crash did not happen');
