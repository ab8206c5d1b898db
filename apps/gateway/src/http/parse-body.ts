import type { Context } from 'hono';
import type { z } from 'zod';
import { GatewayError } from './gateway-error';
import { readJson } from './read-json';

/** Reads a JSON body (depth-capped) against a schema; the error names the first bad field. */
export async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await readJson(c));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = issue.path.map(String).join('.');
  throw new GatewayError('invalid_request', param ? `${param}: ${issue.message}` : issue.message, {
    param: param || null,
  });
}

/** A positive integer path parameter, or a 404 (ids are never guessable input errors). */
export function idParam(c: Context, name = 'id'): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1) throw new GatewayError('not_found', 'Not found');
  return id;
}

/** Reads query parameters against a schema, with the same errors as parseBody. */
export function parseQuery<T>(c: Context, schema: z.ZodType<T>): T {
  const query = c.req.query();
  for (const [param, value] of Object.entries(query)) {
    // SQLite's C API cuts a bound string at NUL (`%\0%` became `%`: match everything) and
    // PostgreSQL refuses it in text: no filter needs one.
    if (value.includes('\u0000'))
      throw new GatewayError('invalid_request', `${param}: may not contain NUL`, { param });
  }
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = issue.path.map(String).join('.');
  throw new GatewayError('invalid_request', `${param}: ${issue.message}`, { param: param || null });
}
