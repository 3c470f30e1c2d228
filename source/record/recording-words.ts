/** A file size in a few characters: `812 B`, `42 KB`, `3.1 MB`. */
export function formatBytesShort(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
