import { z } from 'zod';
import { AdapterError } from '../../spec/adapter-error';
import type { UpstreamBalance } from '../../spec/provider-adapter';

/** A vendor's balance endpoint, as preset data: where it is and how to read its answer. */
export interface CompatibleBalanceEndpoint {
  /** The endpoint's URL from the channel's base URL (no trailing slash). */
  readonly url: (baseUrl: string) => string;
  readonly parse: (body: unknown) => UpstreamBalance;
}

// Vendors send money as decimal strings ("110.00") or numbers.
const money = z.union([z.number(), z.string().trim().min(1)]).pipe(z.coerce.number());

function parseWith<T>(schema: z.ZodType<T>, vendor: string, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AdapterError(
      'upstream_bad_response',
      `The ${vendor} balance answer is not in the documented shape`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/*
 * DeepSeek, `GET https://api.deepseek.com/user/balance` (api-docs.deepseek.com, "Get User
 * Balance"): {"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00",
 * "granted_balance":"10.00","topped_up_balance":"100.00"}]}. The path is at the host's root:
 * a channel on the OpenAI-style `https://api.deepseek.com/v1` drops the `/v1`.
 */
const deepseekBalance = z.object({
  balance_infos: z.array(z.object({ currency: z.string().min(1), total_balance: money })).min(1),
});

export const DEEPSEEK_BALANCE: CompatibleBalanceEndpoint = {
  url: (baseUrl) => `${baseUrl.replace(/\/v1$/, '')}/user/balance`,
  parse(body) {
    // One entry per currency the account holds; the first is the account's own.
    const [first] = parseWith(deepseekBalance, 'DeepSeek', body).balance_infos;
    return { amount: first!.total_balance, currency: first!.currency };
  },
};

/*
 * OpenRouter, `GET https://openrouter.ai/api/v1/credits` (openrouter.ai/docs/api-reference,
 * "Get remaining credits"): {"data":{"total_credits":50,"total_usage":42.5}}, in USD. What
 * remains is the difference.
 */
const openrouterCredits = z.object({
  data: z.object({ total_credits: money, total_usage: money }),
});

export const OPENROUTER_BALANCE: CompatibleBalanceEndpoint = {
  url: (baseUrl) => `${baseUrl}/credits`,
  parse(body) {
    const { total_credits, total_usage } = parseWith(openrouterCredits, 'OpenRouter', body).data;
    // Rounded to a millionth of a dollar: 0.3 - 0.1 must not read 0.19999999999999998.
    return { amount: Math.round((total_credits - total_usage) * 1e6) / 1e6, currency: 'USD' };
  },
};

/*
 * SiliconFlow, `GET https://api.siliconflow.cn/v1/user/info` (docs.siliconflow.cn, "Get user
 * info"): {"code":20000,"message":"OK","status":true,"data":{"balance":"0.88",
 * "chargeBalance":"88.00","totalBalance":"88.88",...}}, in CNY. `totalBalance` is the granted
 * `balance` plus the paid `chargeBalance`.
 */
const siliconflowUserInfo = z.object({ data: z.object({ totalBalance: money }) });

export const SILICONFLOW_BALANCE: CompatibleBalanceEndpoint = {
  url: (baseUrl) => `${baseUrl}/user/info`,
  parse(body) {
    const { totalBalance } = parseWith(siliconflowUserInfo, 'SiliconFlow', body).data;
    return { amount: totalBalance, currency: 'CNY' };
  },
};
