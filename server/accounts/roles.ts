// Roles and what each may do, in one table. Translators edit localizations only; editors run
// the catalog; admins also manage accounts. Route guards name a permission, never a role list.

export const ROLES = ['admin', 'editor', 'translator'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'programme:read', // studio views, drafts, jobs
  'programme:create',
  'programme:update', // metadata other than localizations
  'programme:delete',
  'programme:publish', // publish / unpublish
  'source:upload', // PUT /api/programmes/:id/source, resumable uploads (/api/uploads)
  'track:write', // audio languages and subtitles: PUT/DELETE /api/programmes/:id/audio|subtitles/:locale
  'localization:write', // PUT/DELETE /api/programmes/:id/localizations/:locale
  'availability:write', // PUT /api/programmes/:id/availability
  'qoe:read', // GET /api/qoe/summary (the studio's QoE page)
  'channel:write', // POST /api/channels, PUT /api/channels/:id/schedule (reading a schedule: programme:read)
  'account:manage', // create accounts, change roles, revoke others' tokens
  'token:manage-own', // create/revoke one's own API tokens
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  admin: PERMISSIONS,
  editor: [
    'programme:read',
    'programme:create',
    'programme:update',
    'programme:delete',
    'programme:publish',
    'source:upload',
    'track:write',
    'localization:write',
    'availability:write',
    'qoe:read',
    'channel:write',
    'token:manage-own',
  ],
  translator: ['programme:read', 'localization:write', 'token:manage-own'],
});

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}
