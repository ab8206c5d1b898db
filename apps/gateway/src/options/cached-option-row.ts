import { asRecord } from '@oneapi/adapters';
import type { OptionsRepository } from '@oneapi/storage';
import type { ChangeBus } from '../cluster/change-bus';

/** How one options row reads into settings, and how a patch is written over what is stored. */
export interface OptionRowCodec<Settings, Patch> {
  read(stored: Record<string, unknown>): Settings;
  /** The row to store: `patch` over `stored`, whose fields this version does not know kept. */
  merge(stored: Record<string, unknown>, patch: Patch): Record<string, unknown>;
}

/**
 * One options row with an in-memory copy: loaded on first use, then reloaded on every
 * `options` change (an edit here or on another instance). Writes from this process are
 * serialized; two instances writing at once can lose one edit (last write wins), as for prices.
 */
export function createCachedOptionRow<Settings, Patch>(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  changes: Pick<ChangeBus, 'publish' | 'subscribe'>,
  key: string,
  codec: OptionRowCodec<Settings, Patch>,
) {
  let current: Promise<Settings> | undefined;
  const load = () => {
    const loading = options.get(key).then((stored) => codec.read(asRecord(stored)));
    current = loading;
    // A failed read is not cached: the next caller tries again.
    loading.catch(() => {
      if (current === loading) current = undefined;
    });
    return loading;
  };
  // Nothing to refresh until something has read the row.
  changes.subscribe('options', async () => {
    if (current) await load();
  });
  let queue: Promise<unknown> = Promise.resolve();

  return {
    read: (): Promise<Settings> => current ?? load(),
    /** Applies `patch` over what is stored and tells every instance; returns the result. */
    update(patch: Patch): Promise<Settings> {
      const run = queue.then(async () => {
        await options.set(key, codec.merge(asRecord(await options.get(key)), patch));
        // Publishing runs this instance's handlers first, reloading the copy if there is one.
        await changes.publish('options');
        return current ?? load();
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
