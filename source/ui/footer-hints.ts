// Pure choice of the key hints the footer has room for.

export type KeyHint = { keys: string; label: string };

/** Key chip (key with a space each side), a space, the label and two spaces. */
export function hintLength(hint: KeyHint): number {
  return hint.keys.length + 2 + 1 + hint.label.length + 2;
}

/** The hints that fit `width`, in display order; the most important are kept first. */
export function footerHints(width: number, workloadCount: number): KeyHint[] {
  const all: (KeyHint & { rank: number })[] = [
    { keys: 'a', label: 'async', rank: 0 },
    { keys: 'w', label: 'workers', rank: 1 },
    { keys: workloadCount > 1 ? `1-${Math.min(9, workloadCount)}` : '1', label: 'workload', rank: 4 },
    { keys: '+/-', label: 'concurrency', rank: 5 },
    { keys: '[/]', label: 'threads', rank: 7 },
    { keys: 'space', label: 'pause', rank: 6 },
    { keys: 'r', label: 'reset', rank: 8 },
    { keys: '?', label: 'help', rank: 2 },
    { keys: 'q', label: 'quit', rank: 3 },
  ];
  const kept = new Set<string>();
  let used = 0;
  for (const hint of [...all].sort((a, b) => a.rank - b.rank)) {
    const length = hintLength(hint);
    if (used + length - 2 > width) continue;
    kept.add(hint.keys);
    used += length;
  }
  return all.filter((hint) => kept.has(hint.keys)).map(({ keys, label }) => ({ keys, label }));
}
