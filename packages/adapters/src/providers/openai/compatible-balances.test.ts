import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../spec/adapter-error';
import { getProvider, PROVIDERS } from '../index';

const target = (baseUrl: string) => ({ baseUrl, apiKey: 'key-123', config: {} });
const balanceOf = (id: string) => {
  const balance = getProvider(id).balance;
  if (!balance) throw new Error(`${id} has no balance support`);
  return balance;
};

// The answers as each vendor's API reference documents them.
const DEEPSEEK = {
  is_available: true,
  balance_infos: [
    {
      currency: 'CNY',
      total_balance: '110.00',
      granted_balance: '10.00',
      topped_up_balance: '100.00',
    },
  ],
};
const OPENROUTER = { data: { total_credits: 50, total_usage: 42.5 } };
// SiliconFlow's data has more fields about the user (name, email, ...); not read, left out.
const SILICONFLOW = {
  code: 20000,
  message: 'OK',
  status: true,
  data: { balance: '0.88', chargeBalance: '88.00', totalBalance: '88.88' },
};

describe('balance endpoints of OpenAI-compatible presets', () => {
  it('is offered by DeepSeek, OpenRouter and SiliconFlow only', () => {
    expect(PROVIDERS.filter((provider) => provider.balance).map((provider) => provider.id)).toEqual(
      ['deepseek', 'openrouter', 'siliconflow'],
    );
  });

  it('asks DeepSeek at the host root, with or without /v1 in the base URL', () => {
    const balance = balanceOf('deepseek');
    for (const baseUrl of ['https://api.deepseek.com', 'https://api.deepseek.com/v1']) {
      expect(balance.buildRequest(target(baseUrl))).toEqual({
        url: 'https://api.deepseek.com/user/balance',
        method: 'GET',
        headers: { authorization: 'Bearer key-123' },
      });
    }
    expect(balance.parse(DEEPSEEK)).toEqual({ amount: 110, currency: 'CNY' });
  });

  it('reads OpenRouter’s credits minus usage, in USD, with its attribution header', () => {
    const balance = balanceOf('openrouter');
    expect(balance.buildRequest(target('https://openrouter.ai/api/v1'))).toEqual({
      url: 'https://openrouter.ai/api/v1/credits',
      method: 'GET',
      headers: { authorization: 'Bearer key-123', 'x-title': 'oneapi' },
    });
    expect(balance.parse(OPENROUTER)).toEqual({ amount: 7.5, currency: 'USD' });
    expect(balance.parse({ data: { total_credits: 0.3, total_usage: 0.1 } }).amount).toBe(0.2);
  });

  it('reads SiliconFlow’s totalBalance, in CNY', () => {
    const balance = balanceOf('siliconflow');
    expect(balance.buildRequest(target('https://api.siliconflow.cn/v1')).url).toBe(
      'https://api.siliconflow.cn/v1/user/info',
    );
    expect(balance.parse(SILICONFLOW)).toEqual({ amount: 88.88, currency: 'CNY' });
  });

  it('calls an answer of another shape a bad upstream response', () => {
    for (const [id, body] of [
      ['deepseek', { is_available: false, balance_infos: [] }],
      ['openrouter', { error: { message: 'nope' } }],
      ['siliconflow', { data: { totalBalance: 'lots' } }],
    ] as const) {
      expect(() => balanceOf(id).parse(body)).toThrow(
        expect.objectContaining({ code: 'upstream_bad_response' }),
      );
      expect(() => balanceOf(id).parse(body)).toThrow(AdapterError);
    }
  });
});
