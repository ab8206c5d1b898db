import { createHash } from 'node:crypto';
import { openChannelKeys, sealChannelKeys } from '../../routes/admin/channel-keys';
import type { SourceKind } from './channel-types';
import type { ImportTarget } from './import-target';
import { mapChannel } from './map-channel';
import { readText, type SourceRow } from './source-values';

/**
 * What makes two channels the same here: provider type, name, base URL and keys. Source
 * channels have no other natural key (One API's batch add makes many channels of one
 * name, each with its own key), so existing channels are decrypted to compare.
 */
export function channelFingerprint(channel: {
  readonly type: string;
  readonly name: string;
  readonly baseUrl?: string | null;
  readonly keys: readonly string[];
}): string {
  return createHash('sha256')
    .update(JSON.stringify([channel.type, channel.name, channel.baseUrl ?? null, channel.keys]))
    .digest('hex');
}

/**
 * Channels, with their keys encrypted under the current KEK on the way in. Abilities are
 * rebuilt from each channel's models and groups, as One API derives them
 * (model/ability.go AddAbilities), and follow its status.
 */
export async function writeChannels(
  target: ImportTarget,
  kind: SourceKind,
  rows: readonly SourceRow[],
): Promise<void> {
  const { storage, cipher, report, ids } = target;
  const tally = report.tallies.channels;
  const known = await readFingerprints(target);
  for (const row of rows) {
    const mapped = mapChannel(row, kind);
    const label = `channel #${mapped.kind === 'skip' ? mapped.sourceId : mapped.value.sourceId} ${JSON.stringify(readText(row, 'name'))}`;
    if (mapped.kind === 'skip') {
      tally.skipped++;
      if (mapped.unmappedType) {
        const count = report.unmappedTypes.get(mapped.unmappedType) ?? 0;
        report.unmappedTypes.set(mapped.unmappedType, count + 1);
      }
      report.details.push(`${label}: ${mapped.reason}`);
      continue;
    }
    const { value } = mapped;
    const fingerprint = channelFingerprint({ ...value.channel, keys: value.keys });
    const existing = known.get(fingerprint);
    if (existing !== undefined) {
      ids.channels.set(value.sourceId, existing);
      tally.existing++;
      continue;
    }
    tally.added++;
    report.abilities.rebuilt += value.channel.models.length * value.channel.groups.length;
    if (value.notes.length > 0)
      report.details.push(`${label}: not carried over: ${value.notes.join(', ')}`);
    if (target.dryRun) {
      ids.channels.set(value.sourceId, target.planId());
      continue;
    }
    const created = await storage.repositories.channels.create(
      { ...value.channel, keyCiphertext: sealChannelKeys(cipher, value.keys) },
      value.createdAt ?? Date.now(),
    );
    if (value.usedQuota > 0)
      await storage.repositories.channels.addUsedQuota(created.id, value.usedQuota);
    ids.channels.set(value.sourceId, created.id);
    known.set(fingerprint, created.id);
  }
}

async function readFingerprints(target: ImportTarget): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  let unreadable = 0;
  for (const channel of await target.storage.repositories.channels.listAll()) {
    try {
      const keys = openChannelKeys(target.cipher, channel.keyCiphertext);
      known.set(channelFingerprint({ ...channel, keys }), channel.id);
    } catch {
      unreadable++;
    }
  }
  if (unreadable > 0) {
    target.report.details.push(
      `${unreadable} channel(s) here do not decrypt with this key-encryption key, so they cannot be matched`,
    );
  }
  return known;
}
