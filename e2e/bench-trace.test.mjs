// The takeover bench's reading of a trace (`bench/trace.mjs`), on
// synthetic traces: what its gates on compiled wasm functions rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazyCompiles } from './bench/trace.mjs';

const task = (ts, dur, tid = 1, pid = 7) => ({ name: 'RunTask', ph: 'X', ts, dur, tid, pid });
const compile = (ts, tid = 1, pid = 7) => ({ name: 'wasm.CompileLazy', ph: 'X', ts, dur: 1, tid, pid });

test('the compiled functions before live, and the most of them in one task', () => {
  const events = [task(0, 100), task(200, 100), compile(10), compile(20), compile(210), compile(220), compile(230),
    // After live: not the boot's.
    task(400, 100), compile(410), compile(420), compile(430), compile(440)];
  assert.deepEqual(lazyCompiles(events, 400), { count: 5, mostInATask: 3 });
});

test('a task nested in another is part of it', () => {
  const events = [task(0, 100), task(40, 20), compile(10), compile(45), compile(50), compile(90)];
  assert.deepEqual(lazyCompiles(events, 1000), { count: 4, mostInATask: 4 });
});

test('a task of another thread or process holds none of them', () => {
  const events = [task(0, 100), task(0, 100, 2), task(0, 100, 1, 8), compile(10), compile(20, 2), compile(30, 1, 8)];
  assert.deepEqual(lazyCompiles(events, 1000), { count: 3, mostInATask: 1 });
});

test('a trace that cannot tell gives no figure, not a small one', () => {
  // No compilation on record (lazy compilation off, or not traced).
  assert.equal(lazyCompiles([task(0, 100)], 1000), null);
  // A compilation in no task on record.
  assert.equal(lazyCompiles([task(0, 100), compile(10), compile(150)], 1000), null);
  assert.equal(lazyCompiles([compile(10)], 1000), null);
});
