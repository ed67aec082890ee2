// Password hashing with argon2id (memory-hard; @node-rs/argon2). Parameters are injectable so
// tests run cheaply; the defaults follow OWASP's argon2id guidance (19 MiB, t=2, p=1).
import { hash, verify, parseOptions, type Options } from '@node-rs/argon2';
import { textProblem } from '../text.js';

/** @node-rs/argon2's Algorithm is a const enum, which isolatedModules cannot read: Argon2id = 2. */
const ARGON2ID = 2 as Options['algorithm'];

export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const DEFAULT_HASH_PARAMS: Readonly<HashParams> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Null when acceptable, else the reason (for a validation error on field `password`). */
export function passwordProblem(pw: unknown): string | null {
  if (typeof pw !== 'string') return 'must be a string';
  const n = [...pw].length;
  if (n < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (n > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (pw.trim().length === 0) return 'must not be only spaces';
  // The rule sign-in applies (server/text.ts, multi-line): a password it would refuse is never set.
  return textProblem(pw, true);
}

export class PasswordHasher {
  private readonly params: HashParams;
  private dummy: Promise<string> | null = null;

  constructor(params: Partial<HashParams> = {}) {
    this.params = { ...DEFAULT_HASH_PARAMS, ...params };
  }

  /** PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash). Throws on an unacceptable password. */
  async hash(password: string): Promise<string> {
    const problem = passwordProblem(password);
    if (problem) throw new Error(`password ${problem}`);
    return hash(password.normalize('NFC'), { ...this.params, algorithm: ARGON2ID });
  }

  /** Never throws: a malformed stored hash or an oversized input is simply "no". */
  async verify(stored: string | null | undefined, password: unknown): Promise<boolean> {
    if (typeof password !== 'string' || password.length > PASSWORD_MAX * 4) return false;
    if (!stored) {
      // Spend the same time as a real check so response timing does not reveal unknown accounts.
      this.dummy ??= hash('podium-dummy-password', { ...this.params, algorithm: ARGON2ID });
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(stored, password.normalize('NFC'));
    } catch {
      return false;
    }
  }

  /** True when the stored hash used weaker (or other) parameters: re-hash after a successful login. */
  needsRehash(stored: string): boolean {
    try {
      const o = parseOptions(stored);
      return (
        o.algorithm !== ARGON2ID ||
        o.memoryCost !== this.params.memoryCost ||
        o.timeCost !== this.params.timeCost ||
        o.parallelism !== this.params.parallelism
      );
    } catch {
      return true;
    }
  }
}
