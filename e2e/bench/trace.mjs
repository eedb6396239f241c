// What the takeover bench reads from a Chromium trace (`takeover.mjs`,
// `countLazyCompiles`), apart so that it is tested on synthetic traces
// (`e2e/bench-trace.test.mjs`).

/**
 * A task a thread ran, as DevTools and Lighthouse count tasks (`RunTask`,
 * category `disabled-by-default-devtools.timeline`): it holds the task's
 * microtasks too, where `toplevel`'s `ThreadControllerImpl::RunTask` left a
 * fifth of a boot's compilations outside any task.
 */
const TASK = 'RunTask';

/**
 * The wasm functions V8 compiled on first call (`wasm.CompileLazy`) before
 * `until` (a trace timestamp), and the most of them compiled within one
 * task of their thread. `null` when the trace cannot tell: no compilation
 * at all (lazy compilation off, or its category not traced) or one that
 * lies in no task on record, so that a lost figure fails a gate instead of
 * passing it as a small one.
 */
export function lazyCompiles(events, until) {
  const compiled = events.filter((e) => e.name === 'wasm.CompileLazy' && e.ph !== 'E' && e.ts < until);
  if (compiled.length === 0) return null;
  const tasks = events.filter((e) => e.name === TASK && e.ph === 'X');
  const within = (t, c) => c.pid === t.pid && c.tid === t.tid && c.ts >= t.ts && c.ts <= t.ts + t.dur;
  if (!compiled.every((c) => tasks.some((t) => within(t, c)))) return null;
  // A task nested in another holds a part of the other's: the most in any
  // task is the most in an outermost one.
  const most = Math.max(...tasks.map((t) => compiled.filter((c) => within(t, c)).length));
  return { count: compiled.length, mostInATask: most };
}
