// Login rate limiting: a sliding window of failed attempts per (account, IP), behind a small
// store interface (in-memory here; Redis or the database for several processes later).

export interface RateLimitStore {
  /** Records one event at `now` and returns how many events the key has within the window. */
  hit(key: string, now: number, windowMs: number): Promise<number>;
  /** Events within the window and the time of the oldest of them (null when none). */
  peek(key: string, now: number, windowMs: number): Promise<{ count: number; oldest: number | null }>;
  reset(key: string): Promise<void>;
}

/** Sliding-window log in memory, bounded in keys and in events kept per key. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly events = new Map<string, number[]>();
  constructor(
    private readonly maxKeys = 100_000,
    private readonly maxEventsPerKey = 100,
  ) {}

  private live(key: string, now: number, windowMs: number): number[] {
    const list = (this.events.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length) this.events.set(key, list);
    else this.events.delete(key);
    return list;
  }

  async hit(key: string, now: number, windowMs: number): Promise<number> {
    const list = this.live(key, now, windowMs);
    if (!this.events.has(key) && this.events.size >= this.maxKeys) {
      // Evict the oldest-inserted key (Map keeps insertion order).
      const first = this.events.keys().next().value;
      if (first !== undefined) this.events.delete(first);
    }
    list.push(now);
    if (list.length > this.maxEventsPerKey) list.splice(0, list.length - this.maxEventsPerKey);
    this.events.set(key, list);
    return list.length;
  }

  async peek(key: string, now: number, windowMs: number) {
    const list = this.live(key, now, windowMs);
    return { count: list.length, oldest: list[0] ?? null };
  }

  async reset(key: string): Promise<void> {
    this.events.delete(key);
  }

  get size(): number {
    return this.events.size;
  }
}

export interface LoginLimiterOptions {
  store: RateLimitStore;
  /** Failed attempts allowed per (account, IP) within the window. Default 5. */
  maxFailures?: number;
  /** Default 15 minutes. */
  windowSec?: number;
  now?: () => Date;
}

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSec: number };

export class LoginRateLimiter {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => Date;
  constructor(private readonly opts: LoginLimiterOptions) {
    this.max = opts.maxFailures ?? 5;
    this.windowMs = (opts.windowSec ?? 15 * 60) * 1000;
    this.now = opts.now ?? (() => new Date());
  }

  /** Account identifiers are case-folded; the key never needs to be stored or logged. */
  static key(account: string, ip: string): string {
    return `${account.trim().toLowerCase()}|${ip}`;
  }

  async check(account: string, ip: string): Promise<LimitCheck> {
    const t = this.now().getTime();
    const { count, oldest } = await this.opts.store.peek(LoginRateLimiter.key(account, ip), t, this.windowMs);
    if (count < this.max) return { allowed: true };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(((oldest ?? t) + this.windowMs - t) / 1000)) };
  }

  async failure(account: string, ip: string): Promise<void> {
    await this.opts.store.hit(LoginRateLimiter.key(account, ip), this.now().getTime(), this.windowMs);
  }

  async success(account: string, ip: string): Promise<void> {
    await this.opts.store.reset(LoginRateLimiter.key(account, ip));
  }
}
