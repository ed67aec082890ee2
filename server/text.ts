// What a text field may hold, in one place for every route, body, query and domain schema.
//
// Refused everywhere: C0 control characters (U+0000–U+001F), DEL (U+007F), C1 controls
// (U+0080–U+009F) and lone surrogates. None of them is text a viewer or editor means: a NUL ends
// a string in SQLite's SQL literals (`unrecognized token`) and PostgreSQL refuses it in text
// columns; a lone surrogate has no UTF-8 form, so it would be stored as U+FFFD, silently changed.
// Multi-line fields (a synopsis, a translation value, a password) also take tab, line feed and
// carriage return; single-line fields (titles, names, tags, e-mail addresses, search queries,
// keys) take none of them. Format characters (bidi marks, ZWJ …) are text and stay allowed.
import { z } from 'zod';

const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not acceptable text (naming the character and where it is), or null. */
export function textProblem(value: string, multiline = false): string | null {
  const control = (multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).exec(value);
  if (control) return `must not contain control characters (${codePoint(control[0])} at position ${control.index + 1})`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `must not contain a lone surrogate (${codePoint(lone[0])} at position ${lone.index + 1}): send well-formed UTF-16 text`;
  return null;
}

export interface TextOptions {
  max: number;
  /** Tab, line feed and carriage return allowed (default false). */
  multiline?: boolean;
  /** Leading and trailing white space removed (default true). */
  trim?: boolean;
  /** Refuse an empty or whitespace-only value (default false). */
  nonEmpty?: boolean;
}

/** A zod string for a text field: optionally trimmed, bounded, and free of what textProblem refuses. */
export function text({ max, multiline = false, trim = true, nonEmpty = false }: TextOptions): z.ZodString {
  let s = z.string();
  if (trim) s = s.trim();
  return s.max(max).superRefine((value, ctx) => {
    const problem = textProblem(value, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (nonEmpty && value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
  });
}

/**
 * A key of a z.record: single-line text, and never `__proto__` — zod builds the record by
 * assignment, so that key would replace the object's prototype and vanish instead of being read.
 */
export function recordKey(max: number): z.ZodString {
  return text({ max, trim: false, nonEmpty: true }).refine((k) => k !== '__proto__', 'is not an acceptable name');
}

const UNPRINTABLE = new RegExp(`${SINGLE_LINE_CONTROL.source}|${LONE_SURROGATE.source}`, 'g');

/** A name taken from the request (a key, a parameter), fit to be shown in an error message: escaped and cut short. */
export function printable(name: string, max = 64): string {
  const cut = name.length > max ? `${name.slice(0, max)}…` : name;
  return cut.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
