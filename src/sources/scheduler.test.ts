import { describe, expect, it } from 'vitest';
import { RequestScheduler } from './scheduler';

/** A task that finishes when told to, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => (log.push(name), done), finish };
}

/** Lets a finished task's place be handed over (the scheduler does that on the next macrotask). */
const tick = () => new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0));

describe('RequestScheduler', () => {
  it('runs at most the limit per origin and starts the most urgent waiting task first', async () => {
    const scheduler = new RequestScheduler(2);
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const low = gate(log, 'low');
    const urgent = gate(log, 'urgent');
    const runs = [scheduler.run('http://x/fhir/gp/A', 5, a.task), scheduler.run('http://x/fhir/acute/B', 5, b.task)];
    await tick();
    expect(log).toEqual(['a', 'b']);
    runs.push(scheduler.run('http://x/fhir/gp/C', 9, low.task), scheduler.run('http://x/fhir/gp/D', 1, urgent.task));
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

  it('lets everything asked for in the same turn compete by urgency, whatever order it was asked in', async () => {
    const scheduler = new RequestScheduler(2);
    const log: string[] = [];
    const tasks = ['launching source, alerts', 'launching source, rest', 'another source, Patient', 'a third source, Patient'].map((name) =>
      gate(log, name),
    );
    const runs = [
      scheduler.run('http://x/fhir/acute', 0, tasks[0]!.task),
      scheduler.run('http://x/fhir/acute', 5, tasks[1]!.task),
      // Asked a few microtasks later (after the token), still in the same turn.
      Promise.resolve().then(() => scheduler.run('http://x/fhir/gp', -1, tasks[2]!.task)),
      Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => scheduler.run('http://x/fhir/community', -1, tasks[3]!.task)),
    ];
    await tick();
    expect(log).toEqual(['another source, Patient', 'a third source, Patient']);
    tasks[2]!.finish();
    tasks[3]!.finish();
    await tick();
    expect(log.slice(2)).toEqual(['launching source, alerts', 'launching source, rest']);
    tasks[0]!.finish();
    tasks[1]!.finish();
    await Promise.all(runs);
  });

  it('keeps origins apart, and frees a place when a task fails', async () => {
    const scheduler = new RequestScheduler(1);
    const log: string[] = [];
    const slow = gate(log, 'gp');
    const running = scheduler.run('http://gp.example/fhir/Flag', 0, slow.task);
    await scheduler.run('http://acute.example/fhir/Flag', 0, () => (log.push('acute'), Promise.resolve()));
    expect(log).toEqual(['gp', 'acute']);
    await expect(scheduler.run('http://acute.example/fhir/x', 0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await scheduler.run('http://acute.example/fhir/y', 0, () => (log.push('after failure'), Promise.resolve()));
    slow.finish();
    await running;
    expect(log).toEqual(['gp', 'acute', 'after failure']);
  });

  it('gives a freed place to what the finished task leads to, if more urgent than what was already waiting', async () => {
    const scheduler = new RequestScheduler(1);
    const log: string[] = [];
    const later = gate(log, 'other source, rest');
    const alerts = gate(log, 'this source, alerts');
    // A Patient search whose answer queues this source's alerts at once, while another source's rest already waits.
    const patient = scheduler
      .run('http://x/fhir/gp/Patient', -1, () => (log.push('patient'), Promise.resolve()))
      .then(() => scheduler.run('http://x/fhir/gp', 0, alerts.task));
    const waiting = scheduler.run('http://x/fhir/acute', 5, later.task);
    await tick();
    expect(log).toEqual(['patient', 'this source, alerts']);
    alerts.finish();
    await tick();
    expect(log).toEqual(['patient', 'this source, alerts', 'other source, rest']);
    later.finish();
    await Promise.all([patient, waiting]);
  });
});
