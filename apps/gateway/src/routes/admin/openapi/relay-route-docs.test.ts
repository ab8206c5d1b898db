import { describe, expect, it } from 'vitest';
import { OPENAI_ENDPOINTS } from '../../relay/endpoints/openai-endpoints';
import { RELAY_ROUTE_DOCS } from './relay-route-docs';

describe('RELAY_ROUTE_DOCS', () => {
  it('sends each OpenAI endpoint’s body the way the relay reads it', () => {
    for (const spec of OPENAI_ENDPOINTS) {
      const route = `POST /v1${spec.path}`;
      expect(RELAY_ROUTE_DOCS[route]?.bodyType, route).toBe(spec.bodyType);
    }
  });
});
