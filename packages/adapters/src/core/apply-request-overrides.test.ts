import { describe, expect, it } from 'vitest';
import type { UpstreamRequest } from '../spec/provider-adapter';
import { applyRequestOverrides, readRequestOverrides } from './apply-request-overrides';

const built: UpstreamRequest = {
  url: 'https://api.example.com/v1/messages',
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'x-api-key': 'sk-channel',
    'Anthropic-Beta': 'interleaved-thinking-2025-05-14',
    'user-agent': 'oneapi',
  },
  body: '{"model":"m","max_tokens":5,"metadata":{"user_id":"u"},"messages":[]}',
};

describe('applyRequestOverrides', () => {
  it('sets and strips headers by name in any case, keeping the rest', () => {
    const next = applyRequestOverrides(built, {
      setHeaders: { 'user-agent': 'claude-cli/2.1' },
      stripHeaders: ['anthropic-beta'],
    });
    expect(next.headers).toEqual({
      'content-type': 'application/json',
      'x-api-key': 'sk-channel',
      'user-agent': 'claude-cli/2.1',
    });
  });

  it('forces and drops top-level body fields, leaving nested ones alone', () => {
    const next = applyRequestOverrides(built, {
      setParams: { temperature: 0.2, service_tier: 'auto' },
      dropParams: ['metadata', 'absent'],
    });
    expect(JSON.parse(String(next.body))).toEqual({
      model: 'm',
      max_tokens: 5,
      messages: [],
      temperature: 0.2,
      service_tier: 'auto',
    });
  });

  it('answers the same request, bytes and all, when nothing changes', () => {
    expect(applyRequestOverrides(built, undefined)).toBe(built);
    expect(applyRequestOverrides(built, {})).toBe(built);
    expect(
      applyRequestOverrides(built, {
        setHeaders: { 'user-agent': 'oneapi' },
        setParams: { max_tokens: 5 },
        dropParams: ['temperature'],
      }),
    ).toBe(built);
  });

  it('is idempotent: applied twice, the second changes nothing', () => {
    const overrides = {
      setHeaders: { 'x-tier': 'a' },
      setParams: { top_k: 3 },
      dropParams: ['metadata'],
    };
    const once = applyRequestOverrides(built, overrides);
    expect(once).not.toBe(built);
    expect(applyRequestOverrides(once, overrides)).toBe(once);
  });

  it('overrides a JSON body that is bytes, as a passthrough sends it, and keeps it when untouched', () => {
    const bytes = new TextEncoder().encode(String(built.body));
    const next = applyRequestOverrides(
      { ...built, body: bytes },
      { setParams: { service_tier: 'auto' }, dropParams: ['metadata'] },
    );
    expect(next.body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(next.body as Uint8Array))).toEqual({
      model: 'm',
      max_tokens: 5,
      messages: [],
      service_tier: 'auto',
    });
    const same = applyRequestOverrides({ ...built, body: bytes }, { setParams: { max_tokens: 5 } });
    expect(same.body).toBe(bytes);
  });

  it('leaves bodies that are other bytes or not a JSON object as they are', () => {
    const bytes = new TextEncoder().encode('{"a":2}');
    const multipart = applyRequestOverrides(
      { ...built, headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: bytes },
      { setParams: { a: 1 } },
    );
    expect(multipart.body).toBe(bytes);
    const list = applyRequestOverrides({ ...built, body: '[1]' }, { dropParams: ['a'] });
    expect(list.body).toBe('[1]');
  });
});

describe('readRequestOverrides', () => {
  it('reads the channel setting, and none when absent', () => {
    expect(readRequestOverrides({})).toBeUndefined();
    expect(readRequestOverrides({ overrides: { stripHeaders: ['Anthropic-Beta'] } })).toEqual({
      stripHeaders: ['anthropic-beta'],
    });
  });

  it('refuses a stored value that does not read rather than sending without it', () => {
    expect(() => readRequestOverrides({ overrides: { setHeaders: { cookie: 'a' } } })).toThrow(
      /overrides are invalid/,
    );
  });
});
