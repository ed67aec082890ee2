// The S3 client Podium's object storage uses (AWS SDK v3, pinned to 3.1178.0: the last releases
// that run on Node 20), configured once for S3-compatible servers, and the count of failed
// object-storage requests (the hook /metrics reads; see ObjectStorageErrors).
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `<endpoint>/<bucket>/<key>` (Swift, MinIO, Ceph) rather than `<bucket>.<host>`. */
  pathStyle: boolean;
}

/** The client options for these settings (also what @tus/s3-store is given). */
export function s3ClientConfig(s: S3Settings): S3ClientConfig {
  return {
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: s.pathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    // SDK releases since 2025 add CRC32 checksums in aws-chunked trailers to every upload by
    // default; S3-compatible servers (Swift's s3api among them) refuse those. Only where S3 requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export function createS3Client(s: S3Settings): S3Client {
  // The SDK warns once per process that releases after January 2027 need Node 22; this pinned one
  // runs on Node 20 (package.json), so the warning says nothing actionable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client(s3ClientConfig(s));
}

/** A "no such key / bucket" answer (an expected outcome of a read, not a storage error). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.name === 'NoSuchUpload' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Failed object-storage requests by operation (a not-found read is no failure). A store counts
 * into its own instance; /metrics exposes them (`onError` lets it count into a prom-client
 * counter as they happen).
 */
export class ObjectStorageErrors {
  private readonly counts = new Map<string, number>();
  onError: ((operation: string, err: unknown) => void) | undefined;

  record(operation: string, err: unknown): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    this.onError?.(operation, err);
  }

  /** Failures so far, by operation (GetObject, PutObject…). */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
