/**
 * The real S3 endpoint tests use: OpenStack Swift's s3api, started by `npm run services:s3`
 * (scripts/services-s3.sh). Its settings come from PODIUM_S3_* in the environment (CI sets them,
 * .ci/run), else from running the script (which reuses the endpoint when it is up). Without one,
 * tests skip locally; in CI (CI=true) they fail instead. Each test gets its own key prefix or bucket.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createS3Client, type S3Settings } from '../../server/media/s3-client.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let found: Promise<S3Settings | null> | undefined;

function fromEnv(env: Record<string, string | undefined>): S3Settings | null {
  const { PODIUM_S3_ENDPOINT: endpoint, PODIUM_S3_BUCKET: bucket, PODIUM_S3_REGION: region, PODIUM_S3_ACCESS_KEY_ID: accessKeyId, PODIUM_S3_SECRET_ACCESS_KEY: secretAccessKey } = env;
  return endpoint && bucket && region && accessKeyId && secretAccessKey ? { endpoint, bucket, region, accessKeyId, secretAccessKey, pathStyle: true } : null;
}

async function locate(): Promise<S3Settings | null> {
  const env = fromEnv(process.env);
  if (env) return env;
  try {
    const { stdout } = await promisify(execFile)('bash', [path.join(ROOT, 'scripts', 'services-s3.sh')], { timeout: 300_000 });
    const vars = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    return fromEnv(vars);
  } catch {
    return null;
  }
}

/** The endpoint's settings (its shared bucket); skips the test without one, except in CI. */
export async function requireS3(ctx: Mocha.Context): Promise<S3Settings> {
  const s = await (found ??= locate());
  if (s) return s;
  if (process.env.CI === 'true') throw new Error('no S3 endpoint: run `eval "$(npm run -s services:s3)"` (CI runs it in .ci/run)');
  ctx.skip();
}

/** A key prefix of its own in the shared bucket. */
export function s3TestPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}/`;
}

/** A bucket of its own (for a whole app: resumable uploads write at a bucket's root); drop() empties and deletes it. */
export async function s3TestBucket(s: S3Settings): Promise<{ settings: S3Settings; client: S3Client; drop(): Promise<void> }> {
  const settings = { ...s, bucket: `podium-test-${randomBytes(6).toString('hex')}` };
  const client = createS3Client(settings);
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  return {
    settings,
    client,
    async drop() {
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: settings.bucket }));
      for (const u of uploads.Uploads ?? []) await client.send(new AbortMultipartUploadCommand({ Bucket: settings.bucket, Key: u.Key, UploadId: u.UploadId }));
      for (const key of await listKeys(client, settings.bucket)) await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
      await client.send(new DeleteBucketCommand({ Bucket: settings.bucket })).catch(() => undefined);
      client.destroy();
    },
  };
}

/** Every key under `prefix` (what a test inspects; the app itself never lists for viewers). */
export async function listKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}
