// Pure lines of a replay: the banner above the header (so no one takes it for a live run) and the scrub bar where
// the footer is (time, speed, paused, the markers as ticks on the track, the replay's keys).

import path from 'node:path';
import type { PlacedMarker, ReplayState } from '../record/source-controls.ts';
import { markerOf } from './chart-markers.ts';
import { cutText, formatElapsed } from './format.ts';
import type { Span } from './spans.ts';
import type { KeyEcho } from './view-state.ts';

/**
 * `REPLAY run.ndjson · recorded 2026-12-02 01:10 UTC · not live`, then on the right what the last key did (the
 * footer's echo, whose line the scrub bar takes), else why the file ends early when it does.
 */
export function replayBannerLine(state: ReplayState, width: number, echo?: KeyEcho): Span[] {
  const chip = ' REPLAY ';
  const recorded = state.recordedAt
    ? ` · recorded ${state.recordedAt.slice(0, 16).replace('T', ' ')} UTC`
    : '';
  const about = ` ${path.basename(state.file)}${recorded} · not live`;
  const right: Span | undefined = echo
    ? {
        text: echo.key ? `${echo.key} ▸ ${echo.text}` : echo.text,
        color: echo.level === 'warning' ? 'yellow' : undefined,
      }
    : state.truncated
      ? { text: `⚠ ${state.truncated}`, color: 'yellow' }
      : undefined;
  // What the last key did wins over the file's date: the file's name and the chip stay in sight.
  const aboutRoom = Math.max(16, width - chip.length - (right ? right.text.length + 2 : 0));
  const text = cutText(about, Math.min(aboutRoom, Math.max(0, width - chip.length)));
  const spans: Span[] = [
    { text: chip, color: 'magenta', bold: true, inverse: true },
    { text, bold: true },
  ];
  const room = width - chip.length - text.length - 2;
  if (right && room >= 8) {
    const shown = cutText(right.text, room);
    spans.push({ text: ' '.repeat(2 + room - shown.length) }, { ...right, text: shown, bold: true });
  }
  return spans;
}

/** The keys a replay answers to, as the scrub bar lists them (longest first; the bar drops them as it narrows). */
const keyHints = [
  'space pause  ←/→ 5 s  </> speed  n next mark  ? help  q quit',
  'space ←/→ </> n ? q',
  'q quit',
];

/** Cells the track takes at least; below it the keys go first. */
const minimumTrack = 12;

/**
 * `❚❚ 0:42 / 2:00  2×  ──▲────●──◆──  space pause …`: paused or playing, time into the recording and its length,
 * speed, the track with the position (`●`) and the markers, and the keys that fit.
 */
export function replayBarLine(state: ReplayState, width: number): Span[] {
  const length = state.end - state.start;
  const ended = state.paused && state.time >= state.end;
  const status = ended
    ? state.truncated
      ? '■ end (file cut off)'
      : '■ end'
    : state.paused
      ? '❚❚ paused'
      : '▶';
  const speed = state.speed === 1 ? '1×' : `${state.speed}×`;
  const left = `${status} ${formatElapsed(state.time - state.start)} / ${formatElapsed(length)}  ${speed}  `;
  const room = width - left.length;
  const keys = keyHints.find((hint) => room - hint.length - 2 >= minimumTrack) ?? '';
  const trackWidth = Math.max(0, room - (keys ? keys.length + 2 : 0));
  const track = Array.from({ length: trackWidth }, () => '─');
  const column = (time: number) =>
    length <= 0 ? 0 : Math.min(trackWidth - 1, Math.floor(((time - state.start) / length) * trackWidth));
  for (const marker of state.markers) {
    const at = column(marker.time);
    if (at >= 0 && at < trackWidth) track[at] = markerOf(marker.event).symbol;
  }
  const position = column(state.time);
  const spans: Span[] = [
    { text: left, bold: true, color: state.paused ? 'yellow' : 'green' },
    { text: track.slice(0, Math.max(0, position)).join(''), color: 'cyan' },
    ...(trackWidth > 0 ? [{ text: '●', bold: true }] : []),
    { text: track.slice(position + 1).join(''), color: 'gray' },
  ];
  if (keys) spans.push({ text: `  ${keys}` });
  return spans;
}

/** Where a marker is, in words for the footer's echo: `switch async → workers at 0:42`. */
export function markerWords(marker: PlacedMarker, start: number): string {
  const event = marker.event;
  const what =
    event.kind === 'switch'
      ? `switch ${event.from} → ${event.to}`
      : event.kind === 'workload'
        ? `workload ${event.from} → ${event.to}`
        : event.kind === 'load'
          ? `${event.mode === 'closed' ? 'concurrency' : 'rate'} ${event.from} → ${event.to}`
          : event.kind === 'threads'
            ? `threads ${event.from} → ${event.to}`
            : event.kind === 'gil'
              ? `GIL ${event.to}`
              : event.kind === 'reload'
                ? `reload v${event.version}`
                : event.kind;
  return `${what} at ${formatElapsed(marker.time - start)}`;
}
