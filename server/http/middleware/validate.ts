// zod schemas → middleware. A failed validation answers 400 `validation_failed` naming the
// first offending field (dotted path), e.g. `localizations.en.title`.
//
// Text rules (server/text.ts) are enforced twice over, from the one textProblem(): each text field's
// schema applies its own (single-line or multi-line), and two guards refuse what no field may hold
// wherever it hides — refuseBadQuery() for every query parameter of every route, jsonBody() for
// every string and key of a JSON body (badJsonText(), run by body-limits.ts's jsonBody; also
// `__proto__` keys, which zod's records drop silently).
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { printable, textProblem } from '../../text.js';
import { ApiError } from '../errors.js';

export function fieldOf(issue: z.core.$ZodIssue): string {
  // An unknown key of a strict object: name the key itself, not the object holding it.
  const key = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  return [...issue.path.map((p) => printable(String(p))), ...key.map((k) => printable(k))].join('.');
}

/** The message of an issue; for a refused record key, why its key was refused. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return `(the key) ${issue.issues[0].message}`;
  return issue.message;
}

export function validationError(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0]!;
  const field = [prefix, fieldOf(issue)].filter(Boolean).join('.') || '(body)';
  return new ApiError('validation_failed', `${field}: ${messageOf(issue)}`, { field });
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
    if (!schema.safeParse(value).success) throw new ApiError('not_found', `no ${what} ${JSON.stringify(printable(String(value)))}`);
    next();
  };
}

function badText(field: string, problem: string): ApiError {
  return new ApiError('validation_failed', `${field}: ${problem}`, { field });
}

/**
 * Every query parameter of every route, names and values: single-line text (no route takes a
 * control character or a lone surrogate in its query). Mounted once, before the routes.
 */
export function refuseBadQuery(): RequestHandler {
  return (req, _res, next) => {
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      const field = printable(name);
      const nameProblem = textProblem(name);
      if (nameProblem) throw badText(field, `the parameter name ${nameProblem}`);
      for (const v of Array.isArray(value) ? value : [value]) {
        const problem = typeof v === 'string' ? textProblem(v) : null;
        if (problem) throw badText(field, problem);
      }
    }
    next();
  };
}

/** A place in a JSON body: its key and its parent's place (a path built only when reported). */
interface Place {
  key: string;
  parent: Place | null;
}

function pathOf(place: Place | null): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.push(printable(p.key));
  const path = keys.reverse().join('.');
  return path.length > 200 ? `${path.slice(0, 200)}…` : path || '(body)';
}

/** The first string (multi-line rule) or key (single-line rule) of a parsed JSON body no field may hold, or null. */
export function badJsonText(body: unknown): ApiError | null {
  // Iterative, and paths built only for the answer: a deeply nested body must not exhaust the stack or the CPU.
  const stack: Array<{ value: unknown; place: Place | null }> = [{ value: body, place: null }];
  while (stack.length > 0) {
    const { value, place } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value, true);
      if (problem) return badText(pathOf(place), problem);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], place: { key: String(i), parent: place } });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        if (key === '__proto__') return badText(pathOf({ key, parent: place }), 'is not an acceptable name');
        const problem = textProblem(key);
        if (problem) return badText(pathOf({ key, parent: place }), `(the key) ${problem}`);
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], place: { key: entries[i]![0], parent: place } });
    }
  }
  return null;
}
