import { describe, expect, it } from 'vitest';
import { applyPartialArgs, createPartialArgsState, parseJsonPath } from './gemini-partial-args';

describe('partial function-call arguments', () => {
  it('joins string pieces of the same path and sets typed values', () => {
    const state = createPartialArgsState();
    applyPartialArgs(state, [
      { jsonPath: '$.city', stringValue: 'New ', willContinue: true },
      { jsonPath: '$.city', stringValue: 'York', willContinue: true },
    ]);
    applyPartialArgs(state, [
      { jsonPath: '$.city', stringValue: '' },
      { jsonPath: '$.days', numberValue: 3 },
      { jsonPath: '$.metric', boolValue: false },
      { jsonPath: '$.note', nullValue: 'NULL_VALUE' },
    ]);
    expect(state.args).toEqual({ city: 'New York', days: 3, metric: false, note: null });
  });

  it('replaces a finished string rather than appending to it', () => {
    const state = createPartialArgsState();
    applyPartialArgs(state, [{ jsonPath: '$.a', stringValue: 'x' }]);
    applyPartialArgs(state, [{ jsonPath: '$.a', stringValue: 'y' }]);
    expect(state.args).toEqual({ a: 'y' });
  });

  it('builds nested objects and arrays from paths', () => {
    const state = createPartialArgsState();
    applyPartialArgs(state, [
      { jsonPath: '$.items[0].name', stringValue: 'pen' },
      { jsonPath: '$.items[1].name', stringValue: 'ink' },
      { jsonPath: "$['odd key'].x", numberValue: 1 },
    ]);
    expect(state.args).toEqual({ items: [{ name: 'pen' }, { name: 'ink' }], 'odd key': { x: 1 } });
  });

  it('parses JSONPath segments and ignores paths outside the root', () => {
    expect(parseJsonPath('$.a[2]["b c"]')).toEqual(['a', 2, 'b c']);
    expect(parseJsonPath('a.b')).toEqual([]);
  });
});
