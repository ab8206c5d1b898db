/**
 * A Gemini `parameters` schema (OpenAPI subset) as JSON Schema: Gemini writes types in
 * UPPERCASE (`OBJECT`, `STRING`), which OpenAI and Anthropic refuse. Linear in the schema's
 * size; its depth is bounded by the JSON depth limit the body was read under.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') result[key] = value.toLowerCase();
    else if (key === 'properties' && value !== null && typeof value === 'object') {
      // Property names are data, not schema keywords: only their schemas are converted.
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    } else result[key] = toJsonSchema(value);
  }
  return result;
}
