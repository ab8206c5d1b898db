import { describe, expect, it } from 'vitest';
import { compileModelMapping } from './model-mapping';

describe('compileModelMapping', () => {
  const mapper = compileModelMapping({
    '*': 'fallback-model',
    'gpt-4*': 'gpt-4-generic',
    'gpt-4o*': 'azure-*',
    'gpt-4o': 'gpt-4o-2024-08-06',
    'claude-*-latest': 'claude-*-20250101',
  });

  it('prefers an exact entry over any pattern', () => {
    expect(mapper.map('gpt-4o')).toBe('gpt-4o-2024-08-06');
  });

  it('prefers the pattern with the longest literal part, and substitutes the star', () => {
    expect(mapper.map('gpt-4o-mini')).toBe('azure--mini');
    expect(mapper.map('gpt-4-turbo')).toBe('gpt-4-generic');
    expect(mapper.map('claude-sonnet-latest')).toBe('claude-sonnet-20250101');
  });

  it('falls back to the catch-all, and keeps the name without a mapping', () => {
    expect(mapper.map('llama-3')).toBe('fallback-model');
    expect(compileModelMapping(undefined).map('llama-3')).toBe('llama-3');
    expect(compileModelMapping({ 'a*': 'b' }).map('zzz')).toBe('zzz');
  });

  it('ignores empty targets, as One API does', () => {
    expect(compileModelMapping({ 'gpt-4o': '' }).map('gpt-4o')).toBe('gpt-4o');
  });
});
