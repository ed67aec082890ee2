// Which MediaStore a process uses, from its settings: the local disk under $PODIUM_DATA_DIR (the
// embedded default), or an S3-compatible bucket when PODIUM_S3_* are set (every server and worker
// then shares it). Resumable uploads go to the same place.
import path from 'node:path';
import { diskResumableUploads, s3ResumableUploads, type ResumableUploads } from './resumable-store.js';
import { createS3Client, type S3Settings } from './s3-client.js';
import { S3MediaStore } from './s3-store.js';
import { DiskMediaStore, type MediaStore } from './store.js';

export interface MediaStorage {
  media: MediaStore;
  resumableUploads: ResumableUploads;
  /** The bucket's store when media live in one (its readiness check and error counts), else null. */
  objectStore: S3MediaStore | null;
}

export function createMediaStorage(opts: { dataPath: string; s3: S3Settings | null; uploadExpirySec: number }): MediaStorage {
  if (!opts.s3) {
    const media = new DiskMediaStore(opts.dataPath);
    return { media, resumableUploads: diskResumableUploads(path.join(opts.dataPath, 'tus'), opts.uploadExpirySec, media), objectStore: null };
  }
  // Workers still package on local disk: sources are fetched and renditions built under work/.
  const media = new S3MediaStore({ client: createS3Client(opts.s3), bucket: opts.s3.bucket, workDir: path.join(opts.dataPath, 'work') });
  return { media, resumableUploads: s3ResumableUploads(opts.s3, opts.uploadExpirySec, media), objectStore: media };
}
