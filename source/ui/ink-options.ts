// The options the dashboard renders with: one place, so the benchmark's plain-Ink floors draw as it does.

/** Ink's render options for the dashboard; `interactive`: the output is a terminal that gets live frames. */
export function dashboardInkOptions(interactive: boolean) {
  return {
    // Ink enters the alternate screen and hides the cursor, and leaves it on unmount, also when the
    // process exits on a signal.
    alternateScreen: true,
    // A terminal gets live frames even where Ink would guess otherwise (e.g. CI set in the environment).
    interactive,
    // Raw mode swallows SIGINT; Ctrl-C arrives as a key and the key bindings treat it as quit.
    exitOnCtrlC: false,
    // Snapshots arrive every ~250 ms; 10 fps bounds what key presses and resizes can add.
    maxFps: 10,
    // Rewrite only the lines that changed: less output per frame, less flicker on slow links.
    incrementalRendering: true,
  } as const;
}
