import { PRICE_OPTIONS } from '../../options/price-overrides';
import { SETTINGS_OPTION } from '../../options/system-settings';
import type { Tally } from './import-report';
import type { ImportTarget } from './import-target';
import { mapOptions } from './map-options';
import { asRecord, readText, type SourceRow } from './source-values';

/**
 * Prices, group ratios and site settings from the source's `options` rows. Only names not
 * set here yet are added: an edit made here is never overwritten, so a second run adds
 * nothing. Each of the three options rows is written once.
 */
export async function writeOptions(
  target: ImportTarget,
  rows: readonly SourceRow[],
): Promise<void> {
  const source = Object.fromEntries(
    rows.map((row) => [readText(row, 'key'), readText(row, 'value')]),
  );
  const mapped = mapOptions(source);
  const { report } = target;
  report.details.push(...mapped.notes.map((note) => `options: ${note}`));
  await addMissing(target, PRICE_OPTIONS.models, mapped.modelPrices, report.prices.models);
  await addMissing(target, PRICE_OPTIONS.groups, mapped.groupRatios, report.prices.groups);
  const settings: Tally = { added: 0, existing: 0, skipped: 0 };
  const added = await addMissing(target, SETTINGS_OPTION, mapped.settings, settings);
  report.settings.push(...added);
}

/** Adds the entries `option` (a JSON object row) lacks; returns their names. */
async function addMissing(
  target: ImportTarget,
  option: string,
  entries: Readonly<Record<string, unknown>>,
  tally: Tally,
): Promise<string[]> {
  const options = target.storage.repositories.options;
  const stored = { ...asRecord(await options.get(option)) };
  const added: string[] = [];
  for (const [name, value] of Object.entries(entries)) {
    if (Object.hasOwn(stored, name)) {
      tally.existing++;
      continue;
    }
    stored[name] = value;
    added.push(name);
  }
  tally.added += added.length;
  if (added.length > 0 && !target.dryRun) await options.set(option, stored);
  return added;
}
