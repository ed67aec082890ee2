// Where partial resumable (tus) uploads live until their last byte, and how a finished one becomes
// an incoming source of the MediaStore:
// - on disk, $PODIUM_DATA_DIR/tus, beside uploads/ on the same filesystem (a finished upload is
//   renamed into place, never copied);
// - with object storage, in the bucket (@tus/s3-store, the tus project's own S3 store: a
//   multipart upload per tus upload, whatever server process receives each PATCH), then copied
//   server-side to its source key.
// An unfinished upload expires PODIUM_UPLOAD_EXPIRY_SEC after its creation (the tus expiration
// extension: refused with 410 from then on, `Upload-Expires` tells the client); deleteExpired()
// removes what it left and is run by the housekeeping (podium.ts).
import fs from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/server';
import { s3ClientConfig, type S3Settings } from './s3-client.js';
import type { S3MediaStore } from './s3-store.js';
import type { MediaStore } from './store.js';

export interface ResumableUploads {
  /** What @tus/server reads and writes. */
  datastore: DataStore;
  /** A finished upload as an incoming source of the MediaStore (what ProgrammeService.submitSource takes). */
  takeFinished(uploadId: string, programmeId: string): Promise<string>;
  /** Drops a finished upload's bookkeeping (its metadata file or object); never throws. */
  forget(uploadId: string): Promise<void>;
  /** Removes expired unfinished uploads; returns how many. */
  deleteExpired(): Promise<number>;
}

export function diskResumableUploads(directory: string, expirySec: number, media: MediaStore): ResumableUploads {
  fs.mkdirSync(directory, { recursive: true });
  const store = new FileStore({ directory, expirationPeriodInMilliseconds: expirySec * 1000 });
  return {
    datastore: store,
    async takeFinished(uploadId, programmeId) {
      const temp = await media.incomingSourcePath(programmeId);
      await fs.promises.rename(path.join(directory, uploadId), temp);
      return temp;
    },
    forget: async (uploadId) => void (await store.configstore.delete(uploadId).catch(() => undefined)),
    deleteExpired: () => store.deleteExpired(),
  };
}

/** @tus/s3-store keeps an upload's metadata in `<id>.info` beside its object; a finished one's goes here. */
class PodiumS3Store extends S3Store {
  async forget(uploadId: string): Promise<void> {
    await this.cache.delete(uploadId).catch(() => undefined);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.infoKey(uploadId) })).catch(() => undefined);
  }
}

export function s3ResumableUploads(settings: S3Settings, expirySec: number, media: S3MediaStore): ResumableUploads {
  const store = new PodiumS3Store({
    s3ClientConfig: { bucket: settings.bucket, ...s3ClientConfig(settings) },
    expirationPeriodInMilliseconds: expirySec * 1000,
    // Expiry by listing multipart uploads (deleteExpired), not object tags, which not every S3-compatible server has.
    useTags: false,
  });
  return {
    datastore: store,
    // Its object (key = the upload id, at the bucket's root: the tus store has no prefix) is copied to the source key, then removed.
    takeFinished: async (uploadId) => media.incomingObject(uploadId),
    forget: (uploadId) => store.forget(uploadId),
    deleteExpired: () => store.deleteExpired(),
  };
}
