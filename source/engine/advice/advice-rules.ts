// The rules of live advice: one table, each rule a pure test of one window's facts (advice-facts.ts) with the
// words the pane line and the help show. The pane line (title, action, facts) never spells a pane's title in
// capitals ("CPU"), which reads as a second pane title on screen. Bounds are set from runs on a shared 2-core machine, with margins:
// each comment says what was measured and why the bound sits where it does.

import type { Advice, AdviceRule } from '../types.ts';
import type { AdviceFacts } from './advice-facts.ts';

export type AdviceRuleSpec = {
  rule: AdviceRule;
  /** The pane whose line shows it. */
  pane: Advice['pane'];
  /** A few words: what is going on. */
  title: string;
  /** A few words: what to do, for the pane's line. */
  action: string;
  /** What it means and what to do, one sentence, for the help and `Advice.message`. */
  message: string;
  /** Whether the window's facts show it. */
  holds(facts: AdviceFacts): boolean;
  /** The measured facts that fired it, short. */
  facts(facts: AdviceFacts): string;
};

/** The loop is busy when its utilization is at least this. */
const busyLoop = 0.95;
/**
 * The loop's thread computed, rather than waited, when its CPU is at least this share of its busy time. Async
 * `cpu` read 0.27–0.9 of a core at ELU 100 % with the machine's 2 cores full of other work (the thread was
 * runnable, waiting for a core), so "about a core" is judged loosely; a blocking call reads 0.01.
 */
const computingShare = 0.3;
/** The loop's thread waited when its CPU is under this share of its busy time: async `blocking` read 0.01. */
const waitingShare = 0.15;
/** A pool is full when its threads are busy at least this share of the time (io-http on workers reads 0.99). */
const fullPool = 0.9;
/**
 * Pool threads wait rather than compute when each busy thread uses at most this share of a core: workers
 * `io-http` at 100 read 0.03 per thread; workers `cpu` reads about 1 per thread.
 */
const idleThreadCores = 0.3;
/** Pool threads compute when they use at least this share of the cores they could run on. */
const computingThreadCores = 0.5;
/** The CPU is full when the run uses this share of the parallel cores, or the machine this share of every core. */
const fullRun = 0.85;
const fullMachine = 0.9;
/**
 * GC pressure: the main thread paused for GC at least this share of the window, while no other process takes
 * the cores (pauses are timed on the wall clock: with the cores taken, io-timer at 10,000 read 42–57 %, its
 * pauses stretched by the time the thread waited for a core). On a quiet machine, with the binary's V8 flags,
 * async `io-timer` read 30–38 % at 10,000 in flight and 36–41 % at 100,000: the price of that many live promises
 * and timers, paid alongside the work, not a problem to fix. Over half, collecting garbage is the main thing the
 * loop does, which only allocation (or memory held per task) explains: `io-timer --retain 16` (16 KB of records
 * held per wait) read 57–63 % at 10,000 in flight, with or without the binary's flags.
 */
const gcBound = 0.5;
/**
 * Other processes skew the comparison when the machine is full and they use at least this many cores (or a
 * quarter of the machine, whichever is more). The loopback HTTP server runs in a process of its own and counts
 * as other here: at the loads it serves in the built-in workloads it uses a few percent of a core.
 */
const otherCoresBound = 0.5;

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function cores(count: number): string {
  return `${count.toFixed(1)} cores`;
}

/** The loop's CPU over its busy time: near 1 when it computed, near 0 when it waited. */
function loopOnCpu(facts: AdviceFacts): number {
  return facts.loopCores / Math.max(0.05, facts.elu);
}

/** Cores `threads` busy threads can run on at once: more threads than parallel cores take turns. */
function runnable(threads: number, facts: AdviceFacts): number {
  return Math.min(threads, facts.parallelCores);
}

function cpuFull(facts: AdviceFacts): boolean {
  return (
    facts.processCores >= fullRun * facts.parallelCores ||
    facts.machineBusyCores >= fullMachine * facts.logicalCores
  );
}

/** Other processes use CPU the run needs: the machine is full and they hold a good part of it. */
function othersTakeTheCores(facts: AdviceFacts): boolean {
  return (
    facts.machineBusyCores >= fullMachine * facts.logicalCores &&
    facts.otherCores >= Math.max(otherCoresBound, facts.logicalCores / 4)
  );
}

function queueBacklog(facts: AdviceFacts): boolean {
  const pool = facts.pool;
  return pool !== undefined && pool.queueSize > 0 && (pool.queueGrowthPerSecond > 0 || pool.queueStanding);
}

function queueText(facts: AdviceFacts): string {
  const pool = facts.pool;
  if (!pool) return '';
  const growth = Math.round(pool.queueGrowthPerSecond);
  return `queue ${pool.queueSize}${growth > 0 ? ` (+${growth}/s)` : ''}`;
}

function stallText(facts: AdviceFacts): string {
  const stalls = facts.stalls;
  if (!stalls) return '';
  const who = stalls.culprit ? ` (#${stalls.culprit.taskId} ${stalls.culprit.workload})` : '';
  return `${stalls.blamedOnLongSlices} stall${stalls.blamedOnLongSlices === 1 ? '' : 's'}, slices to ${Math.round(stalls.longestSliceMs)} ms${who}`;
}

/** Every rule, in order of precedence within a pane. */
export const adviceRules: readonly AdviceRuleSpec[] = [
  {
    rule: 'cpu-on-loop',
    pane: 'eventLoop',
    title: 'Computing on the loop',
    action: 'use workers, or yield in chunks',
    message:
      'Tasks compute on the event loop without yielding, so timers, I/O and every other task wait behind them: move the work to workers or processes, or split it into chunks that yield.',
    // Stalls must be explained by one task's long slice: io-timer at 10,000 also reaches high ELU and has stalls
    // from GC pauses, but no slice of its covers them.
    holds: (facts) =>
      facts.elu >= busyLoop &&
      (facts.stalls?.blamedOnLongSlices ?? 0) > 0 &&
      loopOnCpu(facts) >= computingShare,
    facts: (facts) =>
      `ELU ${percent(facts.elu)}, loop thread on ${cores(facts.loopCores)}, ${stallText(facts)}`,
  },
  {
    rule: 'blocking-call',
    pane: 'eventLoop',
    title: 'A blocking call on the loop',
    action: 'use the non-blocking API',
    message:
      'Tasks hold the event loop while its thread uses almost no CPU, so a synchronous call (a *Sync file or process call, Atomics.wait, a synchronous client) is waiting: use its non-blocking (promise or callback) version.',
    holds: (facts) => (facts.stalls?.blamedOnLongSlices ?? 0) > 0 && loopOnCpu(facts) <= waitingShare,
    facts: (facts) =>
      `loop thread on ${cores(facts.loopCores)} at ELU ${percent(facts.elu)}, ${stallText(facts)}`,
  },
  {
    rule: 'gc-pressure',
    pane: 'tasks',
    title: 'GC pressure',
    action: 'allocate less per task, or keep fewer in flight',
    message:
      'Garbage collection takes a large part of the main thread: tasks allocate (or keep alive) so much that collecting it crowds out the work; allocate less per task, reuse buffers, or keep fewer tasks in flight.',
    holds: (facts) => facts.gcShare >= gcBound && !othersTakeTheCores(facts),
    facts: (facts) => `GC ${percent(facts.gcShare)} of the main thread`,
  },
  {
    rule: 'waiting-on-threads',
    pane: 'pool',
    title: 'Threads only wait',
    action: 'use async, or many tasks per worker',
    message:
      'Every thread is occupied by a task that waits (on I/O or a timer) while the CPU idles and tasks queue: a thread per waiting task is wasted; run such tasks on async, or many tasks per worker.',
    holds: (facts) => {
      const pool = facts.pool;
      if (!pool || pool.busyThreads < 1 || pool.gil) return false;
      return (
        pool.utilization >= fullPool &&
        pool.poolCores <= idleThreadCores * runnable(pool.busyThreads, facts) &&
        queueBacklog(facts)
      );
    },
    facts: (facts) => {
      const pool = facts.pool;
      if (!pool) return '';
      const each = pool.tasksPerWorker > 1 ? `, ${pool.tasksPerWorker} tasks each` : '';
      return `busy ${pool.busyThreads}/${pool.threads}${each}, pool threads on ${cores(pool.poolCores)}, ${queueText(facts)}`;
    },
  },
  {
    rule: 'pool-saturated',
    pane: 'pool',
    title: 'Pool saturated',
    action: 'more threads will not help',
    message:
      'Every thread computes and the CPU is at the cores that run in parallel, so tasks queue: more threads will not help; only less work per task, or more cores, raises throughput.',
    holds: (facts) => {
      const pool = facts.pool;
      if (!pool || pool.busyThreads < 1) return false;
      return (
        pool.utilization >= fullPool &&
        pool.poolCores >= computingThreadCores * runnable(pool.busyThreads, facts) &&
        cpuFull(facts) &&
        queueBacklog(facts)
      );
    },
    facts: (facts) =>
      `busy ${facts.pool?.busyThreads}/${facts.pool?.threads}, run on ${cores(facts.processCores)} of ${facts.parallelCores}, ${queueText(facts)}`,
  },
  {
    rule: 'oversubscribed',
    pane: 'cpu',
    title: 'More threads than cores',
    action: 'threads only take turns',
    message:
      'More threads compute than the machine has cores to run them, and the CPU is full: the extra threads only take turns (and switching costs); set threads to the parallel cores.',
    holds: (facts) => {
      const pool = facts.pool;
      if (!pool || pool.gil) return false;
      return pool.threads > facts.parallelCores && pool.busyThreads > facts.parallelCores && cpuFull(facts);
    },
    facts: (facts) =>
      `${facts.pool?.busyThreads} busy threads on ${facts.parallelCores} cores, machine ${cores(facts.machineBusyCores)} busy`,
  },
  {
    rule: 'cpu-contention',
    pane: 'cpu',
    title: 'Other processes take the cores',
    action: 'comparisons skewed',
    message:
      'Other processes use CPU this run needs, so its numbers (and any comparison with an earlier row) are skewed: close what else runs, or compare rows measured under the same load.',
    holds: othersTakeTheCores,
    facts: (facts) =>
      `others ${cores(facts.otherCores)}, machine ${cores(facts.machineBusyCores)} of ${facts.logicalCores}`,
  },
];

/** The rules whose facts hold in this window (before any cooldown). */
export function rulesHolding(facts: AdviceFacts): Set<AdviceRule> {
  if (facts.quiet) return new Set();
  return new Set(adviceRules.filter((spec) => spec.holds(facts)).map((spec) => spec.rule));
}

export function ruleSpec(rule: AdviceRule): AdviceRuleSpec {
  return adviceRules.find((spec) => spec.rule === rule) as AdviceRuleSpec;
}
