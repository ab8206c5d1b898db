import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { toSubmitFailure } from './server-errors';

describe('toSubmitFailure', () => {
  const fields = ['name', 'models'];

  it('puts an error beside the field its param names, list items included', () => {
    const failure = toSubmitFailure(
      new ApiError('models.0: Too small', 400, 'models.0', 'invalid_request'),
      fields,
    );
    expect(failure).toEqual({ fields: { models: 'Too small' }, banner: null });
    expect(toSubmitFailure(new ApiError('name: Too big', 400, 'name', null), fields)).toEqual({
      fields: { name: 'Too big' },
      banner: null,
    });
  });

  it('uses the banner for errors without a field the form has', () => {
    expect(toSubmitFailure(new ApiError('Only root', 403, 'role', 'forbidden'), fields)).toEqual({
      fields: {},
      banner: 'Only root',
    });
    expect(toSubmitFailure(new ApiError('CSRF', 403, null, 'csrf_failed'), fields).banner).toBe(
      'CSRF',
    );
    expect(toSubmitFailure(new Error('boom'), fields).banner).toBe('boom');
  });
});

describe('toSubmitFailure with nested fields', () => {
  it('puts a nested param on the longest field it names', () => {
    const error = new ApiError(
      'config.region: AWS Bedrock requires Region',
      400,
      'config.region',
      'invalid_request',
    );
    expect(toSubmitFailure(error, ['config', 'config.region']).fields).toEqual({
      'config.region': 'AWS Bedrock requires Region',
    });
    const header = new ApiError(
      'overrides.setHeaders.Authorization: authorization is a header the gateway owns',
      400,
      'overrides.setHeaders.Authorization',
      'invalid_request',
    );
    expect(toSubmitFailure(header, ['overrides.setHeaders']).fields).toEqual({
      'overrides.setHeaders': 'authorization is a header the gateway owns',
    });
  });
});
