// The built-in script: the README's talk sequence ("For your talk"), with the claims each step makes there, at
// bounds a two-core laptop meets. Each step waits for the speaker's key on stage; `concur-tui present --check`
// rehearses it when no script is named, judging each step once settled.

export const talkScript = {
  title: 'the talk in the README',
  steps: [
    {
      advance: 'key',
      caption: 'One thread: the cpu workload on the event loop, 8 tasks in flight; lag is about a task long',
      workload: 'cpu',
      model: 'async',
      concurrency: 8,
      threads: 2,
      gil: false,
      claims: ['async lag p99 ≥ 10 ms'],
    },
    {
      advance: 'key',
      caption: 'Press w: the same tasks on worker threads; lag drops to a few ms, throughput about doubles',
      model: 'workers',
      claims: ['workers lag p99 < 10 ms', 'workers throughput ≥ 1.5× async'],
    },
    {
      advance: 'key',
      caption: 'Press p: the same tasks in a pool of child processes; the cores fill as with workers',
      model: 'processes',
      claims: ['processes throughput ≥ 1.5× async'],
    },
    {
      advance: 'key',
      caption:
        "Press g and w: Python-style threads take turns under one lock, back to about async's throughput",
      model: 'workers',
      gil: true,
      claims: ['workers throughput ≤ 1.3× async'],
    },
    {
      advance: 'key',
      caption: 'io-http at 1,000 requests in flight on one thread',
      workload: 'io-http',
      model: 'async',
      gil: false,
      concurrency: 1000,
      claims: ['async throughput ≥ 5000 /s'],
    },
    {
      advance: 'key',
      caption: 'Press w: one request per thread, and throughput collapses',
      model: 'workers',
      claims: ['async throughput ≥ 10× workers'],
    },
    {
      advance: 'key',
      caption: 'blocking: a synchronous call on the loop serializes everything',
      workload: 'blocking',
      model: 'async',
      concurrency: 8,
      claims: ['async lag p99 ≥ 40 ms'],
    },
    {
      advance: 'key',
      caption: 'Press w: threads overlap the blocking calls',
      model: 'workers',
      claims: ['workers throughput ≥ 1.5× async'],
    },
    {
      advance: 'key',
      caption: 'mixed, on the loop: half waiting, half computing',
      workload: 'mixed',
      model: 'async',
    },
    {
      advance: 'key',
      caption: "Press w: only workers keep the loop's lag low",
      model: 'workers',
      claims: ['workers lag p99 ≤ 0.5× async'],
    },
  ],
};
