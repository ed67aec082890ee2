// Where partial resumable (tus) uploads live until their last byte: $PODIUM_DATA_DIR/tus, beside
// uploads/ on the same filesystem (a finished upload is renamed into place, never copied). An
// unfinished upload expires PODIUM_UPLOAD_EXPIRY_SEC after its creation (the tus expiration
// extension: refused with 410 from then on, `Upload-Expires` tells the client); deleteExpired()
// removes its files and is run by the housekeeping (podium.ts).
import fs from 'node:fs';
import { FileStore } from '@tus/file-store';

export function resumableUploadStore(directory: string, expirySec: number): FileStore {
  fs.mkdirSync(directory, { recursive: true });
  return new FileStore({ directory, expirationPeriodInMilliseconds: expirySec * 1000 });
}
