// Buffers that media files are read into, used again once no one reads them any more. A fresh
// 2 MB buffer costs more than the read it is for: the kernel maps and zeroes its pages on first
// touch and unmaps them when it is freed. On this project's 2-core machines a bare Node server
// reading a 2 MB segment per request served 244–258 req/s into fresh buffers and 712–960 req/s
// into reused ones (same run, wrk, 32 connections). Which buffers are free is MediaFileCache's
// call (file-cache.ts): a buffer comes back here only when no answer is still sending it.
export class ReadBuffers {
  private readonly free: Buffer[] = [];
  private freeBytes = 0;
  private reusedCount = 0;

  /** `maxBytes`: free buffers kept at most (past it, one given back is left to the garbage collector). */
  constructor(private readonly maxBytes: number) {}

  /**
   * A buffer of at least `size` bytes: a free one at most a quarter larger (so a small file does
   * not take a large buffer from the files it fits), else a new one.
   */
  take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i]!.length;
      if (len >= size && len <= size + (size >> 2) && (best === -1 || len < this.free[best]!.length)) best = i;
    }
    if (best === -1) return Buffer.allocUnsafeSlow(size);
    const [buffer] = this.free.splice(best, 1);
    this.freeBytes -= buffer!.length;
    this.reusedCount++;
    return buffer!;
  }

  /** A buffer no one reads any more, for a later take(). */
  give(buffer: Buffer): void {
    if (this.freeBytes + buffer.length > this.maxBytes) return;
    this.free.push(buffer);
    this.freeBytes += buffer.length;
  }

  /** For tests and operators: buffers taken again rather than allocated. */
  reused(): number {
    return this.reusedCount;
  }
}
