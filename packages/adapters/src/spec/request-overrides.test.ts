import { describe, expect, it } from 'vitest';
import { requestOverridesSchema } from './request-overrides';

const firstIssue = (value: unknown) => {
  const result = requestOverridesSchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
};

describe('requestOverridesSchema', () => {
  it.each([
    'Authorization',
    'x-api-key',
    'x-goog-api-key',
    'api-key',
    'cookie',
    'proxy-authorization',
  ])('refuses the credential header %s, naming it', (name) => {
    expect(firstIssue({ setHeaders: { [name]: 'x' } })).toEqual({
      path: `setHeaders.${name}`,
      message: `${name.toLowerCase()} is a header the gateway owns`,
    });
    expect(firstIssue({ stripHeaders: [name] })?.message).toBe(
      `${name.toLowerCase()} is a header the gateway owns`,
    );
  });

  it.each(['connection', 'transfer-encoding', 'host', 'content-length', 'upgrade', 'te'])(
    'refuses the hop-by-hop header %s',
    (name) => {
      expect(firstIssue({ stripHeaders: [name] })?.message).toBe(
        `${name} is a header the gateway owns`,
      );
    },
  );

  it('refuses a header name that is not a token and a value that would split a header', () => {
    expect(firstIssue({ setHeaders: { 'bad name': 'x' } })?.message).toBe('not a header name');
    expect(firstIssue({ setHeaders: { 'x-a': 'one\r\nx-api-key: two' } })?.path).toBe(
      'setHeaders.x-a',
    );
  });

  it('refuses the body fields the gateway owns', () => {
    expect(firstIssue({ setParams: { stream: true } })?.message).toBe(
      'stream is a field the gateway owns',
    );
    expect(firstIssue({ dropParams: ['model'] })?.message).toBe(
      'model is a field the gateway owns',
    );
  });

  it('takes headers in lower case and any JSON as a forced value', () => {
    expect(
      requestOverridesSchema.parse({
        setHeaders: { 'Anthropic-Beta': 'context-1m-2025-08-07' },
        stripHeaders: ['User-Agent'],
        setParams: { reasoning: { effort: 'low' }, n: 1 },
        dropParams: ['metadata'],
      }),
    ).toEqual({
      setHeaders: { 'anthropic-beta': 'context-1m-2025-08-07' },
      stripHeaders: ['user-agent'],
      setParams: { reasoning: { effort: 'low' }, n: 1 },
      dropParams: ['metadata'],
    });
  });
});
