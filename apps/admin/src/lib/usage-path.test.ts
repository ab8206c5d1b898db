import { describe, expect, it } from 'vitest';
import { readUsageSubject, usagePath } from './usage-path';

describe('usagePath', () => {
  it('links one key or one user, and reads them back', () => {
    expect(usagePath({ tokenId: 7 }, 'laptop & co')).toBe('/usage?tokenId=7&name=laptop+%26+co');
    const back = readUsageSubject(
      new URL(`http://x${usagePath({ userId: 3 }, 'ada')}`).searchParams,
    );
    expect(back).toEqual({ name: 'ada', tokenId: undefined, userId: 3 });
  });

  it('drops an id that is not a positive integer', () => {
    for (const id of ['0', '-1', '1.5', 'abc', ''])
      expect(readUsageSubject(new URLSearchParams({ tokenId: id })).tokenId).toBeUndefined();
  });
});
