import { expect, it } from 'vitest';
import { createLogger } from '../log/create-logger';
import { watchDatabase } from './watch-database';

const logger = createLogger({ level: 'silent' });

it('marks the database down when a ping hangs or fails, and up when one answers', async () => {
  let answer: 'ok' | 'hang' | 'fail' = 'ok';
  let pings = 0;
  const hung: Array<() => void> = [];
  const watch = watchDatabase(
    {
      ping: () => {
        pings++;
        if (answer === 'ok') return Promise.resolve();
        if (answer === 'fail') return Promise.reject(new Error('ECONNREFUSED'));
        return new Promise<void>((resolve) => hung.push(resolve));
      },
    },
    logger,
    { intervalMs: 10, timeoutMs: 50 },
  );
  try {
    await expect.poll(() => pings).toBeGreaterThan(1);
    expect(watch.available()).toBe(true);

    answer = 'hang';
    await expect.poll(() => watch.available(), { timeout: 500 }).toBe(false);
    // One ping at a time: a hung one is not joined by more.
    expect(hung).toHaveLength(1);
    answer = 'ok';
    hung[0]!();
    await expect.poll(() => watch.available(), { timeout: 500 }).toBe(true);

    answer = 'fail';
    await expect.poll(() => watch.available(), { timeout: 500 }).toBe(false);
    answer = 'ok';
    await expect.poll(() => watch.available(), { timeout: 500 }).toBe(true);
  } finally {
    watch.stop();
  }
});
