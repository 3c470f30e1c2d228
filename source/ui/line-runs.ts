// A line of cells split into runs that share a style, one `<Text>` each.

/** A stretch of one line drawn in one style. */
export type Run<Key> = { text: string; key: Key };

/** Splits a line into runs of neighbouring cells that share a key (e.g. a colour), for one `<Text>` each. */
export function runs<Key>(line: string, keyOf: (index: number) => Key): Run<Key>[] {
  const result: Run<Key>[] = [];
  const cells = Array.from(line);
  for (let index = 0; index < cells.length; index += 1) {
    const key = keyOf(index);
    const last = result.at(-1);
    if (last && last.key === key) last.text += cells[index];
    else result.push({ text: cells[index] ?? '', key });
  }
  return result;
}
