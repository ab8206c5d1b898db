import { describe, expect, it } from 'vitest';
import { ollamaAdapter } from './ollama-adapter';

const parse = (status: number, body: string) =>
  ollamaAdapter.parseError({ status, body, headers: new Headers() });

describe('parseOllamaError', () => {
  it('maps a 404 missing model to model_not_found with the message', () => {
    const error = parse(404, '{"error":"model \\"llama9\\" not found, try pulling it first"}');
    expect(error.code).toBe('model_not_found');
    expect(error.message).toBe(
      'Upstream error 404: model "llama9" not found, try pulling it first',
    );
    expect(error.upstreamStatus).toBe(404);
  });

  it('maps the documented statuses', () => {
    expect(parse(400, '{"error":"invalid options"}').code).toBe('invalid_request');
    expect(parse(429, '{"error":"too many requests"}').code).toBe('rate_limited');
    expect(parse(500, '{"error":"the model failed to generate a response"}').code).toBe(
      'upstream_server_error',
    );
    expect(parse(502, '').message).toBe('Upstream error 502: no error message');
  });
});
