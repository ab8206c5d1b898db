import type { RelayBody } from '../relay-body';
import type { RelayEstimate } from '../relay-session';
import type { EndpointSpec } from './endpoint-spec';

/**
 * A request's estimate and the fields to set on its upstream body. When the caller set no
 * output limit on an endpoint that has one, the spec's default cap is sent upstream and held
 * (times `n`, as usage counts every choice); otherwise the spec's estimate stands.
 */
export async function capEndpointOutput(
  spec: EndpointSpec,
  body: RelayBody,
  defaultMaxTokens: number,
): Promise<{
  readonly estimate: RelayEstimate;
  readonly patch: Record<string, unknown> | undefined;
}> {
  const estimate = await spec.estimate(body);
  const patch = spec.upstreamPatch?.(body);
  const cap = spec.outputCap;
  const limited = (field: string) => body.json?.[field] != null;
  if (!cap || limited(cap.field) || cap.alsoLimitedBy?.some(limited)) return { estimate, patch };
  const limit = cap.defaultCap(body, defaultMaxTokens);
  const n = body.json?.n;
  const choices = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
  return {
    estimate: { ...estimate, maxTokens: limit * choices },
    patch: { ...patch, [cap.field]: limit },
  };
}
