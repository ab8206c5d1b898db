import { asRecord } from '@oneapi/adapters';
import {
  cheaperLongContextClasses,
  createPriceTable,
  DEFAULT_GROUP_RATIOS,
  DEFAULT_MODEL_PRICES,
  type ModelPrice,
  type PriceTable,
  pricingModeOf,
} from '@oneapi/ledger';
import type { OptionsRepository } from '@oneapi/storage';
import { z } from 'zod';
import type { ChangeBus } from '../cluster/change-bus';
import type { Logger } from '../log/create-logger';

/** The two options rows holding the admins' price edits, each a JSON object by name. */
export const PRICE_OPTIONS = { models: 'prices.models', groups: 'prices.groups' } as const;

/** Model prices and group ratios: the shipped defaults, or the admins' overrides. */
export interface PriceSet {
  readonly models: Readonly<Record<string, ModelPrice>>;
  readonly groups: Readonly<Record<string, number>>;
}

export const DEFAULT_PRICES: PriceSet = {
  models: DEFAULT_MODEL_PRICES,
  groups: DEFAULT_GROUP_RATIOS,
};

// z.number() already refuses NaN and ±Infinity.
const amount = z.number().min(0);

const tokenPriceFields = {
  inputPerMillion: amount.optional(),
  outputPerMillion: amount.optional(),
  cachedInputPerMillion: amount.optional(),
  cacheWritePerMillion: amount.optional(),
  cacheWrite1hPerMillion: amount.optional(),
  imageInputPerMillion: amount.optional(),
};

/** A ModelPrice as an admin may send it: known fields only, and at least one pricing mode. */
export const modelPriceSchema = z
  .strictObject({
    modelRatio: amount.optional(),
    completionRatio: amount.optional(),
    ...tokenPriceFields,
    longContext: z
      .strictObject({
        aboveInputTokens: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        ...tokenPriceFields,
      })
      .optional(),
    perRequest: amount.optional(),
    perImage: amount.optional(),
    perAudioSecond: amount.optional(),
    perCharacter: amount.optional(),
  })
  .refine(
    (price) => pricingModeOf(price) !== undefined,
    'set a fixed price (perRequest, perImage, ...), a token price (inputPerMillion, ...) or modelRatio',
  )
  // A hold above the threshold is priced at the tier: a cheaper tier could fall short of it.
  .superRefine((price, context) => {
    for (const name of cheaperLongContextClasses(price))
      context.addIssue({
        code: 'custom',
        path: ['longContext'],
        message: `the long-context ${name} price is below the model's own`,
      });
  }) satisfies z.ZodType<ModelPrice>;

export const groupRatioSchema = amount;

type OptionsReader = Pick<OptionsRepository, 'get'>;

/**
 * The persisted overrides. An entry that no longer parses (edited by hand, or written by a
 * newer version) is skipped and named in `invalid`, so one bad row never stops the gateway.
 */
export async function readPriceOverrides(
  options: OptionsReader,
): Promise<{ overrides: PriceSet; invalid: string[] }> {
  const invalid: string[] = [];
  const pick = <T>(section: keyof PriceSet, raw: unknown, schema: z.ZodType<T>) =>
    Object.fromEntries(
      Object.entries(asRecord(raw)).flatMap(([name, value]) => {
        const parsed = schema.safeParse(value);
        if (parsed.success) return [[name, parsed.data]];
        invalid.push(`${section}.${name}`);
        return [];
      }),
    ) as Record<string, T>;
  const [models, groups] = await Promise.all([
    options.get(PRICE_OPTIONS.models),
    options.get(PRICE_OPTIONS.groups),
  ]);
  return {
    overrides: {
      models: pick('models', models, modelPriceSchema),
      groups: pick('groups', groups, groupRatioSchema),
    },
    invalid,
  };
}

/**
 * Makes `table` the defaults with `overrides` on top, in place: prices are replaced one by
 * one, so a request quoted meanwhile never finds a priced model missing. A model that is in
 * neither (its override was deleted, maybe on another instance) is removed. The options are
 * the only source of price edits, so anything else in the table is a stale override.
 * Returns the names the table refused (it validates prices too).
 */
export function applyPriceOverrides(
  table: PriceTable,
  overrides: PriceSet,
  defaults: PriceSet = DEFAULT_PRICES,
): string[] {
  const refused: string[] = [];
  const attempt = (name: string, apply: () => void) => {
    try {
      apply();
    } catch {
      refused.push(name);
    }
  };
  for (const model of Object.keys(table.listModelPrices())) {
    if (!Object.hasOwn(overrides.models, model) && !Object.hasOwn(defaults.models, model))
      table.removeModelPrice(model);
  }
  for (const [model, price] of Object.entries({ ...defaults.models, ...overrides.models }))
    attempt(`models.${model}`, () => table.setModelPrice(model, price));
  // The table cannot drop a group, and the admin API never deletes one: groups are only set.
  for (const [group, ratio] of Object.entries({ ...defaults.groups, ...overrides.groups }))
    attempt(`groups.${group}`, () => table.setGroupRatio(group, ratio));
  return refused;
}

/**
 * Admin edits of the overrides: read, change one entry, write back. Writes from this
 * process are serialized; two instances writing the same row at once can still lose one
 * edit (last write wins), which admin edits are rare enough to accept.
 */
export function createPriceOverrideStore(options: Pick<OptionsRepository, 'get' | 'set'>) {
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  };
  // Other entries are written back as they were, even ones this version cannot parse.
  const edit = (section: keyof PriceSet, change: (entries: Record<string, unknown>) => boolean) =>
    serialized(async () => {
      const entries = { ...asRecord(await options.get(PRICE_OPTIONS[section])) };
      if (!change(entries)) return false;
      await options.set(PRICE_OPTIONS[section], entries);
      return true;
    });
  return {
    read: async () => (await readPriceOverrides(options)).overrides,
    /** Throws the ledger's `invalid_amount` for a price the PriceTable would refuse. */
    async setModelPrice(model: string, price: ModelPrice): Promise<void> {
      createPriceTable({ models: {}, groups: {} }).setModelPrice(model, price);
      await edit('models', (entries) => {
        entries[model] = price;
        return true;
      });
    },
    /** Whether there was an override to remove. */
    removeModelPrice: (model: string): Promise<boolean> =>
      edit('models', (entries) => {
        if (!Object.hasOwn(entries, model)) return false;
        delete entries[model];
        return true;
      }),
    async setGroupRatio(group: string, ratio: number): Promise<void> {
      createPriceTable({ models: {}, groups: {} }).setGroupRatio(group, ratio);
      await edit('groups', (entries) => {
        entries[group] = ratio;
        return true;
      });
    },
  };
}

export type PriceOverrideStore = ReturnType<typeof createPriceOverrideStore>;

/**
 * Applies the persisted overrides to the live table now, and again on every `options`
 * change (an admin's edit here or on another instance). Start fails if the options cannot
 * be read, as it does for channels.
 */
export async function startPriceOverrides(services: {
  readonly prices: PriceTable;
  readonly options: OptionsReader;
  readonly changes: Pick<ChangeBus, 'subscribe'>;
  readonly logger: Logger;
}): Promise<void> {
  const reload = async () => {
    const { overrides, invalid } = await readPriceOverrides(services.options);
    const refused = applyPriceOverrides(services.prices, overrides);
    if (invalid.length > 0 || refused.length > 0)
      services.logger.warn({ ignored: [...invalid, ...refused] }, 'price overrides ignored');
  };
  await reload();
  services.changes.subscribe('options', reload);
}
