import { describe, expect, it } from 'vitest';
import { formatMoney } from './format';
import { isLogoShown } from './site-logo';

describe('isLogoShown', () => {
  const origin = 'https://ai.example.com';
  it('shows only a logo the CSP lets through (same origin)', () => {
    expect(isLogoShown('https://ai.example.com/logo.png', origin)).toBe(true);
    expect(isLogoShown('https://cdn.example.com/logo.png', origin)).toBe(false);
    expect(isLogoShown('http://ai.example.com/logo.png', origin)).toBe(false);
    expect(isLogoShown(null, origin)).toBe(false);
    expect(isLogoShown('', origin)).toBe(false);
  });
});

describe('formatMoney', () => {
  it('writes a vendor currency, or the code when Intl does not know it', () => {
    expect(formatMoney(110, 'CNY')).toBe('CN¥110.00');
    expect(formatMoney(4.5, 'USD')).toBe('$4.50');
    expect(formatMoney(1234.5, 'not a code')).toBe('1,234.5 not a code');
  });
});
