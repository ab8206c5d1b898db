import { z } from 'zod';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/**
 * What a caller may send for `schema`, as OpenAPI 3.1 takes it. `io: 'input'` describes the
 * accepted side: a field with a default is optional, a coerced number is a number; `output`
 * describes an answer.
 * Refinements have no JSON Schema form and are left out (the handler still enforces them);
 * types with none at all become `{}` rather than failing the whole document.
 */
export function toOpenApiSchema(
  schema: z.ZodType,
  id: string,
  io: 'input' | 'output' = 'input',
): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  // A recursive schema points at its own `#/$defs/...`; embedded in the document, `#` would be
  // the document, so such a schema gets an `$id` for its refs to resolve against.
  return json.$defs ? { $id: `urn:oneapi:schema:${id}`, ...json } : json;
}

/** One query parameter per property of an object schema, required as the schema says. */
export function toQueryParameters(schema: z.ZodType, id: string): Parameter[] {
  const json = toOpenApiSchema(schema, id);
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }),
  );
}
