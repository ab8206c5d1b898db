import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from '../providers/anthropic/anthropic-adapter';
import { bedrockAdapter } from '../providers/bedrock/bedrock-adapter';
import { checkProviderConfig } from './check-provider-config';

const bedrock = (config: Record<string, unknown>) =>
  checkProviderConfig(bedrockAdapter.name, bedrockAdapter.configFields ?? [], config);

describe('checkProviderConfig', () => {
  it('names a required setting that is missing or blank', () => {
    const missing = { ok: false, field: 'config.region', message: 'AWS Bedrock requires Region' };
    expect(bedrock({})).toEqual(missing);
    expect(bedrock({ region: '  ' })).toEqual(missing);
  });

  it('names a key that is not one of the provider settings', () => {
    expect(bedrock({ region: 'us-east-1', regoin: 'x' })).toEqual({
      ok: false,
      field: 'config.regoin',
      message: 'not a setting of AWS Bedrock (its settings: region, authMode)',
    });
  });

  it('keeps the gateway settings to their own fields', () => {
    expect(bedrock({ region: 'us-east-1', overrides: {} })).toMatchObject({
      ok: false,
      field: 'config.overrides',
    });
  });

  it('checks a select against its options and drops blanks', () => {
    expect(bedrock({ region: 'us-east-1', authMode: 'basic' })).toEqual({
      ok: false,
      field: 'config.authMode',
      message: 'must be one of sigv4, api-key',
    });
    expect(bedrock({ region: ' us-east-1 ', authMode: '' })).toEqual({
      ok: true,
      config: { region: 'us-east-1' },
    });
  });

  it('reads an integer given as text or number, and refuses anything else', () => {
    const check = (value: unknown) =>
      checkProviderConfig('Anthropic', anthropicAdapter.configFields ?? [], {
        defaultMaxTokens: value,
      });
    expect(check('8192')).toEqual({ ok: true, config: { defaultMaxTokens: 8192 } });
    expect(check(1024)).toEqual({ ok: true, config: { defaultMaxTokens: 1024 } });
    expect(check('1.5')).toMatchObject({ ok: false, message: 'must be a whole number' });
    expect(check(true)).toMatchObject({ ok: false, field: 'config.defaultMaxTokens' });
  });
});
