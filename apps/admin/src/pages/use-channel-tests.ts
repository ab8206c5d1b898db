import { useEffect, useRef, useState } from 'react';
import { testChannel } from '../api/channels-api';
import type { Channel, ChannelTestReport } from '../api/types';

/** A channel's test as the row shows it, from "waiting its turn" to the report. */
export type ChannelTest =
  | { readonly kind: 'queued' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly report: ChannelTestReport }
  /** The test call itself failed (network, session): not the channel's verdict. */
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Runs channel tests and keeps each one's latest state by channel id. "Test all" calls the
 * one-channel endpoint channel after channel (as the server's bulk endpoint does), so each
 * row shows its result as soon as it is known rather than all at the end.
 */
export function useChannelTests(onTested: () => void) {
  const [tests, setTests] = useState<ReadonlyMap<number, ChannelTest>>(() => new Map());
  const [testingAll, setTestingAll] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const record = (id: number, test: ChannelTest) =>
    setTests((current) => new Map(current).set(id, test));

  const run = async (id: number) => {
    record(id, { kind: 'running' });
    try {
      record(id, { kind: 'done', report: await testChannel(id) });
    } catch (error) {
      record(id, { kind: 'failed', error });
    }
  };

  const testOne = async (id: number) => {
    await run(id);
    // A pass may revive the channel and records its latency: show both.
    onTested();
  };

  /** Every channel an admin has not disabled, one after another. */
  const testAll = async (channels: readonly Channel[]) => {
    const targets = channels.filter((channel) => channel.status !== 'manually_disabled');
    setTestingAll(true);
    for (const channel of targets) record(channel.id, { kind: 'queued' });
    for (const channel of targets) {
      if (!mounted.current) return;
      await run(channel.id);
    }
    setTestingAll(false);
    onTested();
  };

  return { tests, testingAll, testOne, testAll };
}
