import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toOpenApiSchema, toQueryParameters } from './to-openapi-schema';

describe('toOpenApiSchema', () => {
  it('describes the input side: defaults are optional, refinements are dropped', () => {
    const schema = z.strictObject({
      name: z.string().refine((name) => name !== 'root', 'reserved'),
      role: z.enum(['user', 'admin']).default('user'),
    });
    expect(toOpenApiSchema(schema, 'x')).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        role: { type: 'string', enum: ['user', 'admin'], default: 'user' },
      },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('turns a type JSON Schema cannot express into {} instead of failing', () => {
    const schema = z.object({ at: z.date(), big: z.bigint().optional() });
    expect(toOpenApiSchema(schema, 'x')).toMatchObject({
      properties: { at: {}, big: {} },
      required: ['at'],
    });
  });

  it('gives a recursive schema an $id, so its #/$defs refs do not point into the document', () => {
    const node: z.ZodType = z.lazy(() => z.object({ children: z.array(node) }));
    const json = toOpenApiSchema(z.object({ root: node }), 'tree');
    expect(json.$id).toBe('urn:oneapi:schema:tree');
    expect(json.$defs).toBeDefined();
    expect(json).not.toHaveProperty('$schema');
  });
});

describe('toQueryParameters', () => {
  it('makes one parameter per property, coerced numbers as numbers', () => {
    const query = z.object({
      limit: z.coerce.number().int().min(1).max(500).optional(),
      search: z.string(),
    });
    expect(toQueryParameters(query, 'q')).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 500 },
      },
      { name: 'search', in: 'query', required: true, schema: { type: 'string' } },
    ]);
  });
});
