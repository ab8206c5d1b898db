import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks strings under secret-looking names, at any depth, and keeps the rest', () => {
    const masked = maskSecrets({
      name: 'main',
      keyCount: 2,
      keysMasked: ['****abcd'],
      keyPrefix: 'sk-ab12',
      hasPassword: true,
      password: 'hunter22-long-password',
      config: {
        region: 'us-east-1',
        secretAccessKey: 'AKIAsecretvalue9876',
        headers: { Authorization: 'Bearer sk-live-1234567890', 'x-team': 'blue' },
        nested: [{ apiKey: 'short' }],
      },
      accessTokenHash: 'f'.repeat(64),
    });
    expect(masked).toEqual({
      name: 'main',
      keyCount: 2,
      keysMasked: ['****abcd'],
      keyPrefix: 'sk-ab12',
      hasPassword: true,
      password: '****',
      config: {
        region: 'us-east-1',
        secretAccessKey: '****',
        headers: { Authorization: '****', 'x-team': 'blue' },
        nested: [{ apiKey: '****' }],
      },
      accessTokenHash: '****',
    });
  });

  it('leaves values without secrets as they are', () => {
    expect(maskSecrets(null)).toBeNull();
    expect(maskSecrets({ quota: 5, tokenId: 3, models: ['gpt-4o'] })).toEqual({
      quota: 5,
      tokenId: 3,
      models: ['gpt-4o'],
    });
  });
});
