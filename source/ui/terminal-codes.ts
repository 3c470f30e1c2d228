// The terminal's control sequences the dashboard writes itself (Ink writes its own): one place, so the ways in and
// out of the full screen agree, the quit guard's way out of a held loop included (quit-guard-worker.ts).

export const enterAlternateScreen = '\u001B[?1049h';
export const leaveAlternateScreen = '\u001B[?1049l';
export const hideCursor = '\u001B[?25l';
export const showCursor = '\u001B[?25h';
export const eraseScreen = '\u001B[H\u001B[2J';
export const homeAndEraseDown = '\u001B[H\u001B[J';
// A synchronized update (DEC mode 2026, as Ink writes its frames): a terminal that knows it shows what is written
// between the two at once, and one that does not ignores them.
export const beginSynchronizedUpdate = '\u001B[?2026h';
export const endSynchronizedUpdate = '\u001B[?2026l';
export const resetStyle = '\u001B[0m';
