import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from './index';
import { renderProviderTable } from './testing/provider-table';

const DOC = new URL('../../../../docs/providers.md', import.meta.url);
const START = '<!-- provider-table:start -->';
const END = '<!-- provider-table:end -->';

describe('provider registry', () => {
  it('has unique ids and at least 30 provider types', () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(30);
  });

  it('is what docs/providers.md lists (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const table = renderProviderTable(PROVIDERS);
    const updated = doc.replace(
      new RegExp(`${START}[\\s\\S]*${END}`),
      `${START}\n${table}\n${END}`,
    );
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, updated);
    else expect(doc).toBe(updated);
  });
});
