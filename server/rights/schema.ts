// The body of PUT /api/programmes/:id/availability, validated once with zod. Errors name the
// field path the way the API reports it: `windows[0].end`.
import { z } from 'zod';
import { normalizeRegionCode } from '../regions/index.js';
import type { AvailabilityWindow } from './windows.js';

const regionCode = z.string().transform((v, ctx) => {
  const code = normalizeRegionCode(v);
  if (!code) {
    ctx.addIssue({ code: 'custom', message: `unknown region ${JSON.stringify(v.slice(0, 10))} (ISO 3166-1 alpha-2 or WW)` });
    return z.NEVER;
  }
  return code;
});

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a timezone, e.g. 2026-07-24T00:00:00Z' });

export const availabilityWindowSchema = z
  .object({
    regions: z.array(regionCode).min(1, 'at least one region, or ["WW"]').max(300),
    exclude: z.array(regionCode).max(300).default([]),
    start: instant,
    end: instant.nullable().default(null),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.end !== null && Date.parse(w.end) <= Date.parse(w.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    }
    if (w.exclude.includes('WW')) ctx.addIssue({ code: 'custom', path: ['exclude'], message: 'WW cannot be excluded' });
    if (w.regions.includes('WW') && w.regions.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'WW already covers every region; list it alone' });
    }
  })
  .transform(
    (w): AvailabilityWindow => ({
      regions: [...new Set(w.regions)],
      exclude: [...new Set(w.exclude)],
      start: new Date(w.start),
      end: w.end === null ? null : new Date(w.end),
    }),
  );

export const availabilityBodySchema = z.object({ windows: z.array(availabilityWindowSchema).max(100) }).strict();

export type AvailabilityBody = z.output<typeof availabilityBodySchema>;

/** ['windows', 0, 'end'] → "windows[0].end". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Validates a request body; on failure names the first offending field (for a 400 validation_failed). */
export function parseAvailabilityBody(body: unknown): ParseResult<AvailabilityBody> {
  const r = availabilityBodySchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  const field = formatPath(issue.path) || 'body';
  return { ok: false, field, message: `${field}: ${issue.message}` };
}

/** JSON form for storage or responses. */
export function serializeWindows(windows: readonly AvailabilityWindow[]) {
  return windows.map((w) => ({ regions: [...w.regions], exclude: [...w.exclude], start: w.start.toISOString(), end: w.end?.toISOString() ?? null }));
}

/** Inverse of serializeWindows for rows read back from the database (trusted input; throws on corruption). */
export function deserializeWindows(json: unknown): AvailabilityWindow[] {
  const parsed = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  const r = z.array(availabilityWindowSchema).safeParse(parsed);
  if (!r.success) throw new Error(`stored availability is invalid at ${formatPath(r.error.issues[0]!.path)}`);
  return r.data;
}
