import { describe, expect, it } from 'vitest';
import type { ConfigField } from '../api/channels-api';
import type { Channel } from '../api/types';
import {
  EMPTY_CHANNEL_FORM,
  parseChannelEdit,
  parseChannelForm,
  toChannelForm,
} from './parse-channel-form';

const BEDROCK_FIELDS: ConfigField[] = [
  { name: 'region', label: 'Region', required: true },
  { name: 'authMode', label: 'Auth mode', required: false, type: 'select', options: ['sigv4'] },
];

describe('parseChannelForm', () => {
  it('builds the request body', () => {
    const parsed = parseChannelForm(
      {
        ...EMPTY_CHANNEL_FORM,
        name: ' <b>Main</b> ',
        keys: 'sk-1\n\n  sk-2  \n',
        baseUrl: 'http://127.0.0.1:8000/v1',
        models: 'gpt-4o, gpt-4o-mini',
        priority: '5',
        allowPrivateNetwork: true,
      },
      [],
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        type: 'openai',
        name: '<b>Main</b>',
        key: 'sk-1\nsk-2',
        baseUrl: 'http://127.0.0.1:8000/v1',
        models: ['gpt-4o', 'gpt-4o-mini'],
        groups: ['default'],
        priority: 5,
        weight: 1,
        allowPrivateNetwork: true,
        config: {},
        modelMapping: null,
        testModel: null,
        overrides: null,
      },
    });
  });

  it("sends the chosen provider's settings only, blanks left out, and the rows as records", () => {
    const parsed = parseChannelForm(
      {
        ...EMPTY_CHANNEL_FORM,
        type: 'bedrock',
        name: 'aws',
        keys: 'AKID:SECRET',
        models: 'claude',
        // `accountId` was typed while Cloudflare was chosen.
        config: { region: ' us-east-1 ', authMode: '', accountId: 'acct' },
        mapping: [
          { from: 'claude', to: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
          { from: '', to: '' },
        ],
        testModel: ' claude ',
        setHeaders: [{ from: 'anthropic-beta', to: 'context-1m-2025-08-07' }],
        stripHeaders: 'user-agent',
        setParams: [
          { from: 'temperature', to: '0.2' },
          { from: 'service_tier', to: 'auto' },
        ],
        dropParams: 'metadata, user',
      },
      BEDROCK_FIELDS,
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      config: { region: 'us-east-1' },
      modelMapping: { claude: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
      testModel: 'claude',
      overrides: {
        setHeaders: { 'anthropic-beta': 'context-1m-2025-08-07' },
        stripHeaders: ['user-agent'],
        setParams: { temperature: 0.2, service_tier: 'auto' },
        dropParams: ['metadata', 'user'],
      },
    });
  });

  it('leaves a missing required setting to the server, whose 400 names it', () => {
    const parsed = parseChannelForm(
      { ...EMPTY_CHANNEL_FORM, type: 'bedrock', name: 'aws', keys: 'k', models: 'm' },
      BEDROCK_FIELDS,
    );
    expect(parsed.ok && parsed.value.config).toEqual({});
  });

  it('names each bad field by the server’s param', () => {
    const parsed = parseChannelForm(
      {
        ...EMPTY_CHANNEL_FORM,
        baseUrl: 'ftp://x',
        weight: '-1',
        groups: ' , ',
        mapping: [{ from: 'gpt-4o', to: '' }],
        setParams: [{ from: '', to: '1' }],
      },
      [],
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(Object.keys(parsed.errors).sort()).toEqual(
        [
          'baseUrl',
          'groups',
          'key',
          'models',
          'name',
          'weight',
          'modelMapping',
          'overrides.setParams',
        ].sort(),
      );
  });
});

describe('parseChannelEdit', () => {
  const channel: Channel = {
    id: 3,
    type: 'anthropic',
    name: 'Main',
    baseUrl: 'http://127.0.0.1:8000',
    models: ['claude-sonnet-4-5', 'claude-opus-4-1'],
    groups: ['default', 'vip'],
    priority: 2,
    weight: 5,
    status: 'enabled',
    statusReason: null,
    keyCount: 1,
    keysMasked: ['****1234'],
    modelMapping: { 'claude-sonnet-4-5': 'claude-sonnet-4-0' },
    config: {
      allowPrivateNetwork: true,
      defaultMaxTokens: 8192,
      overrides: { stripHeaders: ['anthropic-beta'], setParams: { top_k: 5 } },
    },
    testModel: 'claude-opus-4-1',
    testedAt: null,
    testLatencyMs: null,
    createdAt: 0,
  };
  const fields: ConfigField[] = [
    { name: 'defaultMaxTokens', label: 'Default max tokens', required: false, type: 'integer' },
  ];

  it('prefills the form, keys left empty (they are write-only)', () => {
    expect(toChannelForm(channel)).toEqual({
      type: 'anthropic',
      name: 'Main',
      keys: '',
      baseUrl: 'http://127.0.0.1:8000',
      models: 'claude-sonnet-4-5, claude-opus-4-1',
      groups: 'default, vip',
      priority: '2',
      weight: '5',
      allowPrivateNetwork: true,
      config: { defaultMaxTokens: '8192' },
      mapping: [{ from: 'claude-sonnet-4-5', to: 'claude-sonnet-4-0' }],
      testModel: 'claude-opus-4-1',
      setHeaders: [],
      stripHeaders: 'anthropic-beta',
      setParams: [{ from: 'top_k', to: '5' }],
      dropParams: '',
    });
  });

  it('sends back what it was given, and keeps the saved keys when none are typed', () => {
    const unchanged = parseChannelEdit(toChannelForm(channel), fields);
    expect(unchanged.ok && 'key' in unchanged.value).toBe(false);
    expect(unchanged.ok && unchanged.value).toMatchObject({
      config: { defaultMaxTokens: '8192' },
      modelMapping: channel.modelMapping,
      testModel: 'claude-opus-4-1',
      overrides: { stripHeaders: ['anthropic-beta'], setParams: { top_k: 5 } },
    });
    const replaced = parseChannelEdit({ ...toChannelForm(channel), keys: 'sk-new' }, fields);
    expect(replaced.ok && replaced.value.key).toBe('sk-new');
    expect(parseChannelForm(toChannelForm(channel), fields)).toMatchObject({
      ok: false,
      errors: { key: expect.any(String) },
    });
  });
});
