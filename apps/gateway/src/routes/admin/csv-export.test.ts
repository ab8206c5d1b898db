import type { Page } from '@oneapi/storage';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../testing/admin/csv-test-kit';
import { readPages, toCsvField, toCsvLine } from './csv-export';

describe('CSV writer', () => {
  it('quotes only what needs it, and reads back as written', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rlf', '', 'ünï ✓'];
    const line = toCsvLine(cells);
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rlf",,ünï ✓\n');
    expect(parseCsv(line)).toEqual([cells]);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+2', '+1', '-cmd', '@SUM(A1)', '\t=1', '\r=1'])
      expect(toCsvField(text).replace(/^"/, '')).toMatch(/^'/);
    // The defused text still reads back whole, quoting included.
    expect(parseCsv(toCsvLine(['=HYPERLINK("http://x","y")']))).toEqual([
      ['\'=HYPERLINK("http://x","y")'],
    ]);
    expect(toCsvField('a=b')).toBe('a=b');
  });

  it('writes numbers, booleans and empty values as they are', () => {
    expect(toCsvLine([-5, 0, 1.5, true, false, null, undefined])).toBe('-5,0,1.5,true,false,,\n');
  });
});

describe('readPages', () => {
  // Ids 1..total, newest first, with the storage's keyset cursor convention.
  const fakeTable = (total: number) => {
    const requests: Array<{ cursor: string | null; limit: number }> = [];
    const fetchPage = async (request: { cursor: string | null; limit: number }) => {
      requests.push(request);
      const below = request.cursor === null ? total + 1 : Number(request.cursor);
      const ids = Array.from({ length: below - 1 }, (_, i) => below - 1 - i);
      const items = ids.slice(0, request.limit);
      const page: Page<number> = {
        items,
        nextCursor: ids.length > request.limit ? String(items.at(-1)) : null,
      };
      return page;
    };
    return { fetchPage, requests };
  };
  const collect = async (batches: AsyncIterable<number[]>) => {
    const rows: number[] = [];
    for await (const batch of batches) rows.push(...batch);
    return rows;
  };

  it('follows the cursor to the last page', async () => {
    const table = fakeTable(1203);
    const rows = await collect(readPages(table.fetchPage));
    expect(rows).toHaveLength(1203);
    expect(rows[0]).toBe(1203);
    expect(rows.at(-1)).toBe(1);
    expect(table.requests.map((request) => request.cursor)).toEqual([null, '704', '204']);
  });

  it('stops at the cap without reading further', async () => {
    const table = fakeTable(1203);
    const rows = await collect(readPages(table.fetchPage, 600));
    expect(rows).toHaveLength(600);
    expect(table.requests.map((request) => request.limit)).toEqual([500, 100]);
  });

  it('yields nothing for an empty table', async () => {
    expect(await collect(readPages(fakeTable(0).fetchPage))).toEqual([]);
  });
});
