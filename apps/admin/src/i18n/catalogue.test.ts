import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, pickLocale } from './locale-store';
import { en } from './messages-en';
import { zhCN } from './messages-zh-cn';
import { catalogueOf, loadCatalogue, type MessageKey, translate } from './t';

// A value for every parameter any message takes, so that every message can be rendered.
const SAMPLE = new Proxy({} as Record<string, unknown>, {
  get: (_target, name) =>
    name === 'own' || name === 'all' || name === 'estimated' ? true : name === 'count' ? 2 : 7,
});

describe('the message catalogues', () => {
  beforeAll(async () => {
    for (const locale of LOCALES) await loadCatalogue(locale);
  });

  it('have the same keys in every language (the typecheck says so too)', () => {
    for (const locale of LOCALES)
      expect(Object.keys(catalogueOf(locale)).sort()).toEqual(Object.keys(en).sort());
  });

  it('render every message to non-empty text, of the same kind in every language', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      for (const locale of LOCALES) {
        const message = catalogueOf(locale)[key];
        expect(typeof message, `${locale} ${key}`).toBe(typeof en[key]);
        const text =
          typeof message === 'function' ? (message as (p: unknown) => string)(SAMPLE) : message;
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('translates the Chinese catalogue: no English sentence left in it', () => {
    // Product names, units and placeholders may stay as they are.
    const SAME_ON_PURPOSE = new Set<MessageKey>(['createdKey.python', 'channelForm.baseUrl']);
    const untranslated = (Object.keys(en) as MessageKey[]).filter(
      (key) =>
        !SAME_ON_PURPOSE.has(key) &&
        typeof en[key] === 'string' &&
        (zhCN[key] as string) === en[key] &&
        /[a-z]{3}/.test(en[key] as string),
    );
    expect(untranslated).toEqual([]);
  });

  it('renders parameters and plurals', () => {
    expect(translate('en', 'overview.requestCount', { count: 1 })).toBe('1 request');
    expect(translate('en', 'overview.requestCount', { count: 1234 })).toBe('1,234 requests');
    expect(translate('zh-CN', 'overview.requestCount', { count: 1234 })).toBe('1,234 次请求');
    expect(translate('zh-CN', 'nav.overview')).toBe('概览');
  });
});

describe('pickLocale', () => {
  it('keeps a saved choice, else follows the browser, else English', () => {
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale('klingon', ['fr'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });
});
