import { afterEach, describe, expect, it } from 'vitest';
import { queueRunner, type Runner, serialRunner } from './runner.js';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serialRunner', () => {
  let runner: Runner | null = null;
  afterEach(async () => {
    await runner?.stop();
    runner = null;
  });

  it('runs at once, never two runs together, and once more for triggers that came during a run', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => {};
    runner = serialRunner(
      async () => {
        active++;
        most = Math.max(most, active);
        runs++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        active--;
      },
      () => {},
      60_000,
    );
    await tick();
    expect(runs).toBe(1);
    runner.trigger();
    runner.trigger();
    runner.trigger();
    release();
    await tick();
    // The three triggers during the first run ask for one more run, not three.
    expect(runs).toBe(2);
    release();
    await tick();
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('reports a failed run and keeps running on the next trigger', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    runner = serialRunner(
      async () => {
        calls++;
        if (calls === 1) throw new Error('first run fails');
      },
      (err) => errors.push(err),
      60_000,
    );
    await tick();
    expect(errors.map((e) => (e as Error).message)).toEqual(['first run fails']);
    runner.trigger();
    await tick();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('triggers itself on its timer; stop() waits for the run under way and tells the work to end early', async () => {
    let runs = 0;
    let sawStop = false;
    let release: () => void = () => {};
    runner = serialRunner(
      async (stopping) => {
        runs++;
        if (runs === 3) {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          sawStop = stopping();
        }
      },
      () => {},
      20,
    );
    // The third run (two timer ticks after the first) waits until released; on a busy machine the ticks come late.
    for (const started = Date.now(); runs < 3 && Date.now() - started < 5_000; ) await tick(10);
    expect(runs).toBe(3);
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(sawStop).toBe(true);
    await tick(60);
    expect(runs).toBe(3);
    runner = null;
  });
});

describe('queueRunner', () => {
  it('answers a burst of nudges with one run after the pause, and hears none once stopped', async () => {
    let runs = 0;
    let nudge: () => void = () => {};
    let subscribed = false;
    const runner = queueRunner({
      work: async () => {
        runs++;
      },
      subscribe: (listener) => {
        nudge = listener;
        subscribed = true;
        return () => {
          subscribed = false;
        };
      },
      onError: () => {},
      pollMs: 60_000,
      gatherMs: 30,
    });
    await tick();
    expect(runs).toBe(1);
    nudge();
    nudge();
    nudge();
    await tick(5);
    // Still gathering: the burst has not run yet.
    expect(runs).toBe(1);
    await tick(60);
    expect(runs).toBe(2);
    nudge();
    await runner.stop();
    await tick(60);
    // A nudge pending at stop() is dropped, and the subscription is gone.
    expect(runs).toBe(2);
    expect(subscribed).toBe(false);
  });
});
