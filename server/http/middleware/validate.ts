// zod schemas → middleware. A failed validation answers 400 `validation_failed` naming the
// first offending field (dotted path), e.g. `localizations.en.title`.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ApiError } from '../errors.js';

export function fieldOf(issue: z.core.$ZodIssue): string {
  // An unknown key of a strict object: name the key itself, not the object holding it.
  const key = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  return [...issue.path.map(String), ...key].join('.');
}

export function validationError(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0]!;
  const field = [prefix, fieldOf(issue)].filter(Boolean).join('.') || '(body)';
  return new ApiError('validation_failed', `${field}: ${issue.message}`, { field });
}

/** Validates req.body against schema (JSON bodies only) and replaces it with the parsed value. */
export function validateBody(schema: z.ZodTypeAny): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('application/json')) throw new ApiError('unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error);
    req.body = parsed.data;
    next();
  };
}

/** Validates a route parameter; an invalid one reads as "not found" (e.g. a malformed id). */
export function validateParam(name: string, schema: z.ZodTypeAny, what: string): RequestHandler {
  return (req, _res, next) => {
    const value = req.params[name];
    if (!schema.safeParse(value).success) throw new ApiError('not_found', `no ${what} ${JSON.stringify(value)}`);
    next();
  };
}
