import { describe, expect, it } from 'vitest';
import { ApiError, fieldMessage, toApiError } from './api-error';

describe('toApiError', () => {
  it('reads the gateway’s OpenAI-shaped error', () => {
    const error = toApiError(400, {
      error: {
        message: 'baseUrl: private addresses are refused',
        type: 'invalid_request_error',
        param: 'baseUrl',
        code: 'invalid_request',
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      param: 'baseUrl',
      code: 'invalid_request',
      message: 'baseUrl: private addresses are refused',
    });
    expect(fieldMessage(error)).toBe('private addresses are refused');
  });

  it('falls back to the status for bodies that are not the gateway’s', () => {
    for (const body of [undefined, '<html>Bad gateway</html>', { error: 'nope' }, [1], null]) {
      const error = toApiError(502, body);
      expect(error.message).toBe('The server answered 502');
      expect(error.param).toBeNull();
      expect(error.code).toBeNull();
    }
  });

  it('ignores fields of the wrong type', () => {
    const error = toApiError(409, { error: { message: 42, param: ['x'], code: '' } });
    expect(error).toMatchObject({ message: 'The server answered 409', param: null, code: null });
  });

  it('keeps a message without the param prefix whole', () => {
    const error = toApiError(409, {
      error: { message: 'That username is taken', param: 'username' },
    });
    expect(fieldMessage(error)).toBe('That username is taken');
  });
});
