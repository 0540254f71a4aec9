import { describe, expect, it } from 'vitest';
import { RequestScheduler } from './scheduler';

/** A task that finishes when told to, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => (log.push(name), done), finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RequestScheduler', () => {
  it('runs at most the limit per origin and starts the most urgent waiting task first', async () => {
    const scheduler = new RequestScheduler(2);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const low = gate(log, 'low');
    const urgent = gate(log, 'urgent');
    const runs = [
      scheduler.run('http://x/fhir/gp/A', 5, a.task),
      scheduler.run('http://x/fhir/acute/B', 5, b.task),
      scheduler.run('http://x/fhir/gp/C', 9, low.task),
      scheduler.run('http://x/fhir/gp/D', 1, urgent.task),
    ];
    await tick();
    expect(log).toEqual(['a', 'b']);
    a.finish();
    await tick();
    expect(log).toEqual(['a', 'b', 'urgent']);
    b.finish();
    await tick();
    expect(log).toEqual(['a', 'b', 'urgent', 'low']);
    urgent.finish();
    low.finish();
    await Promise.all(runs);
  });

  it('keeps origins apart, and frees a place when a task fails', async () => {
    const scheduler = new RequestScheduler(1);
    const log: string[] = [];
    const slow = gate(log, 'gp');
    const running = scheduler.run('http://gp.example/fhir/Flag', 0, slow.task);
    await scheduler.run('http://acute.example/fhir/Flag', 0, async () => void log.push('acute'));
    expect(log).toEqual(['gp', 'acute']);
    await expect(scheduler.run('http://acute.example/fhir/x', 0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await scheduler.run('http://acute.example/fhir/y', 0, async () => void log.push('after failure'));
    slow.finish();
    await running;
    expect(log).toEqual(['gp', 'acute', 'after failure']);
  });
});
