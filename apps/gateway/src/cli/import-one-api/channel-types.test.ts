import { readFileSync, writeFileSync } from 'node:fs';
import { findProvider } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import { renderChannelTypeTable } from '../../testing/import-one-api/render-channel-type-table';
import { listChannelTypes, resolveChannelType, type SourceKind } from './channel-types';
import { detectSourceKind } from './detect-source-kind';

const DOC = new URL('../../../../../docs/migrating-from-one-api.md', import.meta.url);
const START = '<!-- channel-types:start -->';
const END = '<!-- channel-types:end -->';

describe('channel type tables', () => {
  it.each<SourceKind>(['one-api', 'new-api'])(
    '%s: every mapped type is one of our providers',
    (kind) => {
      const types = listChannelTypes(kind);
      expect(types.length).toBeGreaterThan(40);
      for (const [, mapping] of types) {
        if (mapping.provider) expect(findProvider(mapping.provider), mapping.name).toBeDefined();
      }
    },
  );

  it('reads the same id differently for One API and new-api', () => {
    const both = (id: number) => [
      resolveChannelType('one-api', id).provider,
      resolveChannelType('new-api', id).provider,
    ];
    expect(both(1)).toEqual(['openai', 'openai']);
    expect(both(14)).toEqual(['anthropic', 'anthropic']);
    expect(both(24)).toEqual(['gemini', 'gemini']);
    expect(both(4)).toEqual(['custom', 'ollama']);
    expect(both(33)).toEqual(['bedrock', 'bedrock']);
    expect(both(36)).toEqual(['deepseek', undefined]);
    expect(both(41)).toEqual(['novita', 'vertex']);
    expect(both(42)).toEqual(['vertex', 'mistral']);
    expect(both(43)).toEqual([undefined, 'deepseek']);
    expect(both(45)).toEqual(['xai', 'volcengine']);
    expect(resolveChannelType('new-api', 36).name).toBe('SunoAPI');
    expect(resolveChannelType('one-api', 999)).toEqual({ name: 'unknown type 999' });
  });

  it('is what docs/migrating-from-one-api.md lists (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const updated = doc.replace(
      new RegExp(`${START}[\\s\\S]*${END}`),
      `${START}\n${renderChannelTypeTable()}\n${END}`,
    );
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, updated);
    else expect(doc).toBe(updated);
  });
});

describe('detectSourceKind', () => {
  const tables = (entries: Record<string, string[]>) =>
    new Map(Object.entries(entries).map(([name, columns]) => [name, new Set(columns)]));

  it('finds new-api by a column or table One API never had', () => {
    expect(detectSourceKind(tables({ tokens: ['id', 'model_limits_enabled'] }))).toEqual({
      kind: 'new-api',
      reason: 'tokens.model_limits_enabled',
    });
    expect(detectSourceKind(tables({ channels: ['id'], setups: ['id'] })).kind).toBe('new-api');
    expect(
      detectSourceKind(tables({ channels: ['id', 'config'], tokens: ['id', 'subnet'] })),
    ).toEqual({ kind: 'one-api', reason: 'no new-api table or column' });
  });
});
