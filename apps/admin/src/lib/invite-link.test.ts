import { describe, expect, it } from 'vitest';
import { buildInviteLink, describeInviteRewards, readInviteCode } from './invite-link';

describe('buildInviteLink', () => {
  it('points at the sign-up page with the code', () => {
    expect(buildInviteLink('https://ai.example.com', 'Ab3dE5gH7jK9')).toBe(
      'https://ai.example.com/sign-up?invite=Ab3dE5gH7jK9',
    );
    expect(buildInviteLink('http://127.0.0.1:3000', 'a b&c')).toBe(
      'http://127.0.0.1:3000/sign-up?invite=a+b%26c',
    );
  });
});

describe('readInviteCode', () => {
  it('reads the code back from the query string, or nothing', () => {
    expect(readInviteCode('?invite=Ab3dE5gH7jK9')).toBe('Ab3dE5gH7jK9');
    expect(readInviteCode('?x=1&invite=%20a+b%26c%20')).toBe('a b&c');
    expect(readInviteCode('')).toBe('');
    expect(readInviteCode('?invite=')).toBe('');
  });
});

describe('describeInviteRewards', () => {
  it('names each side’s reward, or says there is none', () => {
    expect(describeInviteRewards(500_000, 0)).toBe(
      'For each account created with your link, you get 500,000 (≈ $1.00).',
    );
    expect(describeInviteRewards(1000, 2000)).toBe(
      'For each account created with your link, you get 1,000 (≈ $0.002) and they get 2,000 (≈ $0.004) on top of the usual start.',
    );
    expect(describeInviteRewards(0, 0)).toMatch(/^No quota comes with an invite/);
  });
});
