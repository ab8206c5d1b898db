import { stat } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yieldToEventLoop } from './event-loop-slices';

/** Counts turns of the event loop (one per check phase) until stopped. */
function countTurns(): { readonly now: () => number; stop(): void } {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turns,
    stop: () => {
      running = false;
    },
  };
}

describe('yieldToEventLoop', () => {
  it('resumes concurrent callers one per turn, so their next steps never share one', async () => {
    const turns = countTurns();
    const resumedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        await yieldToEventLoop();
        resumedAt.push(turns.now());
      }),
    );
    turns.stop();
    expect(new Set(resumedAt).size).toBe(5);
  });

  it('puts a caller that yields again behind those already waiting', async () => {
    const order: string[] = [];
    const twice = async () => {
      await yieldToEventLoop();
      order.push('a1');
      await yieldToEventLoop();
      order.push('a2');
    };
    const once = async (name: string) => {
      await yieldToEventLoop();
      order.push(name);
    };
    await Promise.all([twice(), once('b'), once('c')]);
    expect(order).toEqual(['a1', 'b', 'c', 'a2']);
  });

  it('resumes a caller yielding from an I/O callback after the timers that are due', async () => {
    const events: string[] = [];
    await new Promise<void>((done) => {
      // A file system callback runs in the poll phase, before this turn's check phase.
      stat('.', async () => {
        setTimeout(() => events.push('timer'), 0);
        const until = performance.now() + 3;
        while (performance.now() < until);
        await yieldToEventLoop();
        events.push('resumed');
        done();
      });
    });
    expect(events).toEqual(['timer', 'resumed']);
  });

  it('lets timers that are due run between two resumed steps', async () => {
    const events: string[] = [];
    const step = async (name: string) => {
      await yieldToEventLoop();
      events.push(name);
      // A long step: the timer below is due before it ends.
      const until = performance.now() + 5;
      while (performance.now() < until);
    };
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        events.push('timer');
        resolve();
      }, 1),
    );
    await Promise.all([step('first'), step('second'), timer]);
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('second'));
  });
});
