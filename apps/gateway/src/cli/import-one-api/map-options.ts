import { type ModelPrice, QUOTA_PER_UNIT } from '@oneapi/ledger';
import {
  DEFAULT_PRICES,
  groupRatioSchema,
  modelPriceSchema,
  type PriceSet,
} from '../../options/price-overrides';
import { type SystemSettingsPatch, systemSettingsPatch } from '../../options/system-settings';
import { asRecord } from './source-values';

/** What the source's `options` rows become here: price overrides and site settings. */
export interface OptionsImport {
  readonly modelPrices: Record<string, ModelPrice>;
  readonly groupRatios: Record<string, number>;
  readonly settings: SystemSettingsPatch;
  readonly notes: string[];
}

/**
 * Maps model/option.go's key/value rows (every value is text). ModelRatio and
 * CompletionRatio are One API's ratios, which our prices take as they are; new-api's
 * ModelPrice (USD per request) becomes `perRequest`, which wins over the ratio as there.
 * A price equal to our default is left out, so the default keeps its cache prices; a
 * model absent from our defaults gets its source price, which is what keeps it servable
 * (an unpriced model is refused).
 */
export function mapOptions(
  options: Readonly<Record<string, string>>,
  defaults: PriceSet = DEFAULT_PRICES,
): OptionsImport {
  const notes: string[] = [];
  const ratios = numbersIn(options.ModelRatio);
  const completions = numbersIn(options.CompletionRatio);
  const fixed = numbersIn(options.ModelPrice);
  const modelPrices: Record<string, ModelPrice> = {};
  const guessed: string[] = [];
  for (const model of new Set([...Object.keys(ratios), ...Object.keys(fixed)])) {
    const ours = defaults.models[model];
    const completionRatio = completions[model] ?? completionRatioOf(ours);
    if (ratios[model] !== undefined && completionRatio === undefined) guessed.push(model);
    const price: ModelPrice = {
      ...(fixed[model] !== undefined && { perRequest: fixed[model] }),
      ...(ratios[model] !== undefined && { modelRatio: ratios[model] }),
      ...(completionRatio !== undefined && ratios[model] !== undefined && { completionRatio }),
    };
    if (ours && isSamePrice(price, ours)) continue;
    if (modelPriceSchema.safeParse(price).success) modelPrices[model] = price;
    else notes.push(`price of ${model} is not usable`);
  }
  if (guessed.length > 0) {
    // One API derives some completion ratios in code (GetCompletionRatio), not in options.
    notes.push(`completion ratio 1 assumed for ${summarize(guessed)}`);
  }
  const groupRatios = Object.fromEntries(
    Object.entries(numbersIn(options.GroupRatio)).filter(
      ([group, ratio]) =>
        defaults.groups[group] !== ratio && groupRatioSchema.safeParse(ratio).success,
    ),
  );
  const perUnit = Number(options.QuotaPerUnit);
  if (options.QuotaPerUnit !== undefined && perUnit !== QUOTA_PER_UNIT) {
    notes.push(
      `QuotaPerUnit is ${options.QuotaPerUnit} there and ${QUOTA_PER_UNIT} here: quotas are copied as they are, so their dollar value shown changes`,
    );
  }
  return { modelPrices, groupRatios, settings: mapSettings(options), notes };
}

function mapSettings(options: Readonly<Record<string, string>>): SystemSettingsPatch {
  const integer = (name: string) =>
    options[name] === undefined ? undefined : Number(options[name]);
  const candidates: Record<string, unknown> = {
    systemName: options.SystemName?.trim() || undefined,
    logoUrl: options.Logo?.trim() || undefined,
    notice: options.Notice,
    // Registration needs both switches in One API (RegisterEnabled, PasswordRegisterEnabled).
    registrationEnabled:
      options.RegisterEnabled === undefined
        ? undefined
        : options.RegisterEnabled === 'true' && options.PasswordRegisterEnabled !== 'false',
    newUserQuota: integer('QuotaForNewUser'),
    inviterQuota: integer('QuotaForInviter'),
    inviteeQuota: integer('QuotaForInvitee'),
    retryTimes: integer('RetryTimes'),
  };
  const settings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(candidates)) {
    if (value !== undefined && systemSettingsPatch.safeParse({ [name]: value }).success) {
      settings[name] = value;
    }
  }
  return settings as SystemSettingsPatch;
}

/** What our default charges for completions relative to prompts, as a One API ratio. */
function completionRatioOf(price: ModelPrice | undefined): number | undefined {
  if (!price) return undefined;
  if (price.inputPerMillion && price.outputPerMillion !== undefined) {
    return price.outputPerMillion / price.inputPerMillion;
  }
  return price.modelRatio !== undefined ? (price.completionRatio ?? 1) : undefined;
}

/** Whether two prices charge the same for tokens (ratio 1 = $2 per million prompt tokens). */
function isSamePrice(price: ModelPrice, ours: ModelPrice): boolean {
  if (price.perRequest !== undefined || ours.perRequest !== undefined) {
    return price.perRequest === ours.perRequest && price.modelRatio === undefined;
  }
  const input = (p: ModelPrice) => p.inputPerMillion ?? (p.modelRatio ?? 0) * 2;
  const output = (p: ModelPrice) =>
    p.outputPerMillion ?? (p.inputPerMillion ?? (p.modelRatio ?? 0) * 2) * (p.completionRatio ?? 1);
  return close(input(price), input(ours)) && close(output(price), output(ours));
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** A JSON object of numbers as options hold them; anything else in it is dropped. */
function numbersIn(text: string | undefined): Record<string, number> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  return Object.fromEntries(
    Object.entries(asRecord(parsed)).filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    ),
  );
}

const summarize = (names: string[]) =>
  names.length <= 5
    ? names.join(', ')
    : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
