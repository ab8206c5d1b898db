import type { RateLimitRule } from './counter-store';

/** Requests and tokens per minute; either may be absent (no limit). */
export interface MinuteLimits {
  readonly rpm?: number;
  readonly tpm?: number;
}

/**
 * The operator's limits. `token` and `user` apply to every token and every user (a token
 * or user may carry its own override); `groups` and `models` are keyed by name and shared
 * by everyone in the group or calling the model.
 */
export interface RateLimitPolicy {
  readonly token?: MinuteLimits;
  readonly user?: MinuteLimits;
  readonly groups?: Readonly<Record<string, MinuteLimits>>;
  readonly models?: Readonly<Record<string, MinuteLimits>>;
  /** Per client IP on the admin API. */
  readonly adminIpRpm?: number;
  /** Per client IP on the login endpoint. */
  readonly loginIpRpm?: number;
}

export interface RelayRateLimitSubject {
  readonly tokenId: number | null;
  readonly userId: number;
  readonly group: string;
  readonly model: string;
  /** Estimated tokens of the request (prompt plus max_tokens), counted against TPM. */
  readonly estimatedTokens: number;
  readonly tokenLimits?: MinuteLimits;
  readonly userLimits?: MinuteLimits;
}

const MINUTE_MS = 60_000;

/** The rules one relay request is checked against: token, user, group and model, RPM and TPM. */
export function relayRateLimitRules(
  policy: RateLimitPolicy,
  subject: RelayRateLimitSubject,
): RateLimitRule[] {
  const scopes: Array<[string, MinuteLimits | undefined]> = [
    [`token:${subject.tokenId ?? 'none'}`, subject.tokenLimits ?? policy.token],
    [`user:${subject.userId}`, subject.userLimits ?? policy.user],
    [`group:${subject.group}`, policy.groups?.[subject.group]],
    [`model:${subject.model}`, policy.models?.[subject.model]],
  ];
  return scopes.flatMap(([scope, limits]) => {
    const rules: RateLimitRule[] = [];
    if (scope === 'token:none' || !limits) return rules;
    if (limits.rpm !== undefined) {
      rules.push({
        key: `${scope}:rpm`,
        unit: 'requests',
        limit: limits.rpm,
        windowMs: MINUTE_MS,
        cost: 1,
      });
    }
    if (limits.tpm !== undefined) {
      rules.push({
        key: `${scope}:tpm`,
        unit: 'tokens',
        limit: limits.tpm,
        windowMs: MINUTE_MS,
        cost: Math.ceil(subject.estimatedTokens),
      });
    }
    return rules;
  });
}

/** The rule for one client IP on the admin API or the login endpoint; none when unset. */
export function ipRateLimitRules(
  policy: RateLimitPolicy,
  scope: 'admin' | 'login',
  clientIp: string,
): RateLimitRule[] {
  const rpm = scope === 'admin' ? policy.adminIpRpm : policy.loginIpRpm;
  if (rpm === undefined) return [];
  return [
    { key: `ip:${scope}:${clientIp}`, unit: 'requests', limit: rpm, windowMs: MINUTE_MS, cost: 1 },
  ];
}
