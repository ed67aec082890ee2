// Database access for accounts, sessions and API tokens (tables from migration.ts). Secrets are
// generated here, returned once, and stored only as SHA-256 digests.
import crypto from 'node:crypto';
import { DataTypes, Op, type ModelStatic, type Model, type Sequelize, type Transaction } from 'sequelize';
import { isRole, type Role } from './roles.js';
import { API_TOKEN_PREFIX, looksLikeApiToken, looksLikeSessionId, newApiToken, randomSecret, sha256Hex } from './secrets.js';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** The studio's language chosen by the editor (a UI locale), or null: the browser's. */
  language: string | null;
  createdAt: Date;
}

export interface ApiTokenInfo {
  id: string;
  accountId: string;
  name: string;
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

type Row = Record<string, unknown>;
type M = ModelStatic<Model<Row, Row>>;

function models(sequelize: Sequelize): { A: M; S: M; T: M } {
  const opts = { timestamps: false, underscored: true } as const;
  const A = (sequelize.models.PodiumAccount as M | undefined) ??
    (sequelize.define('PodiumAccount', {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      email: DataTypes.STRING(254),
      display_name: DataTypes.STRING(200),
      role: DataTypes.STRING(16),
      password_hash: DataTypes.STRING(255),
      disabled: DataTypes.BOOLEAN,
      language: DataTypes.STRING(35),
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { ...opts, tableName: 'accounts' }) as unknown as M);
  const S = (sequelize.models.PodiumSession as M | undefined) ??
    (sequelize.define('PodiumSession', {
      id_hash: { type: DataTypes.STRING(64), primaryKey: true },
      account_id: DataTypes.STRING(36),
      created_at: DataTypes.DATE,
      expires_at: DataTypes.DATE,
      last_seen_at: DataTypes.DATE,
    }, { ...opts, tableName: 'sessions' }) as unknown as M);
  const T = (sequelize.models.PodiumApiToken as M | undefined) ??
    (sequelize.define('PodiumApiToken', {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      account_id: DataTypes.STRING(36),
      name: DataTypes.STRING(100),
      token_hash: DataTypes.STRING(64),
      hint: DataTypes.STRING(24),
      created_at: DataTypes.DATE,
      last_used_at: DataTypes.DATE,
      expires_at: DataTypes.DATE,
      revoked_at: DataTypes.DATE,
    }, { ...opts, tableName: 'api_tokens' }) as unknown as M);
  return { A, S, T };
}

const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

function toAccount(r: Row): Account {
  const role = r.role;
  if (!isRole(role)) throw new Error(`account ${String(r.id)} has unknown role ${String(role)}`);
  return {
    id: String(r.id),
    email: String(r.email),
    displayName: String(r.display_name ?? ''),
    role,
    disabled: Boolean(r.disabled),
    language: typeof r.language === 'string' ? r.language : null,
    createdAt: date(r.created_at)!,
  };
}

function toToken(r: Row): ApiTokenInfo {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    name: String(r.name),
    hint: String(r.hint),
    createdAt: date(r.created_at)!,
    lastUsedAt: date(r.last_used_at),
    expiresAt: date(r.expires_at),
    revokedAt: date(r.revoked_at),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export interface TxOptions {
  transaction?: Transaction;
}

export class AccountStore {
  private readonly m: { A: M; S: M; T: M };
  constructor(
    sequelize: Sequelize,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.m = models(sequelize);
  }

  async createAccount(
    input: { email: string; displayName?: string; role: Role; passwordHash?: string | null },
    opts: TxOptions = {},
  ): Promise<Account> {
    if (!isRole(input.role)) throw new Error(`unknown role ${String(input.role)}`);
    const t = this.now();
    const row = {
      id: crypto.randomUUID(),
      email: normalizeEmail(input.email),
      display_name: input.displayName ?? '',
      role: input.role,
      password_hash: input.passwordHash ?? null,
      disabled: false,
      created_at: t,
      updated_at: t,
    };
    await this.m.A.create(row, { transaction: opts.transaction });
    return toAccount(row);
  }

  async findById(id: string): Promise<Account | null> {
    const r = await this.m.A.findByPk(id, { raw: true });
    return r ? toAccount(r as unknown as Row) : null;
  }

  /** The account and its password hash, for login only. */
  async findForLogin(email: string): Promise<{ account: Account; passwordHash: string | null } | null> {
    const r = (await this.m.A.findOne({ where: { email: normalizeEmail(email) }, raw: true })) as unknown as Row | null;
    return r ? { account: toAccount(r), passwordHash: (r.password_hash as string | null) ?? null } : null;
  }

  async update(id: string, patch: { role?: Role; displayName?: string; disabled?: boolean; passwordHash?: string | null; language?: string | null }, opts: TxOptions = {}): Promise<void> {
    if (patch.role !== undefined && !isRole(patch.role)) throw new Error(`unknown role ${String(patch.role)}`);
    const values: Row = { updated_at: this.now() };
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.displayName !== undefined) values.display_name = patch.displayName;
    if (patch.disabled !== undefined) values.disabled = patch.disabled;
    if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
    if (patch.language !== undefined) values.language = patch.language;
    await this.m.A.update(values, { where: { id }, transaction: opts.transaction });
    // A disabled account or a new password ends every session.
    if (patch.disabled === true || patch.passwordHash !== undefined) await this.m.S.destroy({ where: { account_id: id }, transaction: opts.transaction });
  }

  // Sessions ---------------------------------------------------------------------------------

  /** A new session; the returned id goes into the cookie and is stored only as its digest. */
  async createSession(accountId: string, ttlSec: number, opts: TxOptions = {}): Promise<{ sessionId: string; expiresAt: Date }> {
    const sessionId = randomSecret();
    const t = this.now();
    const expiresAt = new Date(t.getTime() + ttlSec * 1000);
    await this.m.S.create({ id_hash: sha256Hex(sessionId), account_id: accountId, created_at: t, expires_at: expiresAt, last_seen_at: t }, { transaction: opts.transaction });
    return { sessionId, expiresAt };
  }

  /** The live session's account (not disabled), or null. */
  async findSession(sessionId: unknown): Promise<{ account: Account; expiresAt: Date } | null> {
    if (!looksLikeSessionId(sessionId)) return null;
    const s = (await this.m.S.findByPk(sha256Hex(sessionId), { raw: true })) as unknown as Row | null;
    if (!s) return null;
    const expiresAt = date(s.expires_at)!;
    if (expiresAt.getTime() <= this.now().getTime()) return null;
    const account = await this.findById(String(s.account_id));
    if (!account || account.disabled) return null;
    return { account, expiresAt };
  }

  async deleteSession(sessionId: unknown): Promise<void> {
    if (!looksLikeSessionId(sessionId)) return;
    await this.m.S.destroy({ where: { id_hash: sha256Hex(sessionId) } });
  }

  /** Housekeeping; returns the number removed. */
  async deleteExpiredSessions(): Promise<number> {
    return this.m.S.destroy({ where: { expires_at: { [Op.lte]: this.now() } } });
  }

  // API tokens -------------------------------------------------------------------------------

  /** Creates a token; `token` is shown to the user once and never stored. */
  async createApiToken(accountId: string, name: string, opts: TxOptions & { expiresAt?: Date | null } = {}): Promise<{ token: string; info: ApiTokenInfo }> {
    const token = newApiToken();
    const row = {
      id: crypto.randomUUID(),
      account_id: accountId,
      name: name.slice(0, 100),
      token_hash: sha256Hex(token),
      hint: `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`,
      created_at: this.now(),
      last_used_at: null,
      expires_at: opts.expiresAt ?? null,
      revoked_at: null,
    };
    await this.m.T.create(row, { transaction: opts.transaction });
    return { token, info: toToken(row) };
  }

  /** The owner of a live token (not revoked, not expired, account enabled), or null. */
  async findByApiToken(token: unknown): Promise<{ account: Account; tokenId: string } | null> {
    if (!looksLikeApiToken(token)) return null;
    const r = (await this.m.T.findOne({ where: { token_hash: sha256Hex(token) }, raw: true })) as unknown as Row | null;
    if (!r || r.revoked_at != null) return null;
    const exp = date(r.expires_at);
    const t = this.now();
    if (exp && exp.getTime() <= t.getTime()) return null;
    const account = await this.findById(String(r.account_id));
    if (!account || account.disabled) return null;
    const last = date(r.last_used_at);
    if (!last || t.getTime() - last.getTime() > 60_000) await this.m.T.update({ last_used_at: t }, { where: { id: r.id } }); // at most once a minute
    return { account, tokenId: String(r.id) };
  }

  async listApiTokens(accountId: string): Promise<ApiTokenInfo[]> {
    const rows = await this.m.T.findAll({ where: { account_id: accountId }, order: [['created_at', 'ASC']], raw: true });
    return (rows as unknown as Row[]).map(toToken);
  }

  /** Revokes a token; with `accountId`, only if it belongs to that account. True when revoked. */
  async revokeApiToken(tokenId: string, accountId?: string): Promise<boolean> {
    const where: Row = { id: tokenId, revoked_at: null };
    if (accountId) where.account_id = accountId;
    const [n] = await this.m.T.update({ revoked_at: this.now() }, { where });
    return n > 0;
  }
}
