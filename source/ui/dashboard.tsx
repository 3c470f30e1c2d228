import { Box, useInput, useStdin } from 'ink';
import { useEffect, useReducer } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import { commandsFor, type KeyFlags } from './key-bindings.ts';
import { type Layout, layoutFor, type TerminalSize } from './layout.ts';
import { PresenterBand, usePresenterState } from './presenter-band.tsx';
import {
  applyPresenterMove,
  type PresenterCommand,
  presenterCommandsFor,
  presenterHints,
} from './presenter-keys.ts';
import { ReplayBanner, ReplayBar } from './replay-bar.tsx';
import { applyReplayControl, type ReplayCommand, replayCommandsFor } from './replay-keys.ts';
import { Screen } from './screen.tsx';
import { sourceCommandsFor } from './source-view/source-keys.ts';
import { sourceKeysContext } from './source-view/source-overlay.tsx';
import { useSourceShown, useWorkloadSource } from './source-view/use-workload-source.ts';
import { stageLayoutFor } from './stage-layout.ts';
import { rowIds } from './task-detail/task-selection.ts';
import { useInspectSelection } from './task-detail/use-inspect-selection.ts';
import { useSnapshot } from './use-snapshot.ts';
import { initialViewState, viewReducer } from './view-state.ts';

export type DashboardProps = {
  handle: EngineHandle;
  layout: Layout;
  size: TerminalSize;
  /** Called on `q` or Ctrl-C; the dashboard never exits the process itself. */
  onQuit: () => void;
  /** Called on Ctrl-Z; the dashboard never stops the process itself. @default none */
  onSuspend?: () => void;
};

/** Connects the engine to the screen: snapshots in, key presses out as engine actions. */
export function Dashboard({ handle, layout, size, onQuit, onSuspend }: DashboardProps) {
  const replay = handle.controls?.replay;
  const presenter = handle.controls?.presenter;
  // A replay draws every frame it is given: seeking back moves `at` backwards, which the live pacing would skip.
  const snapshot = useSnapshot(handle, replay ? { pausedFrameMs: Number.NEGATIVE_INFINITY } : {});
  const [view, dispatchView] = useReducer(viewReducer, initialViewState);
  const { isRawModeSupported } = useStdin();
  // The selection follows its task as the table's rows move (task-selection.ts), and the engine inspects it.
  useEffect(() => {
    if (snapshot) dispatchView({ type: 'taskRows', rows: rowIds(snapshot.tasks.recent, snapshot.inspected) });
  }, [snapshot]);
  useInspectSelection(handle, view.selectedTask);
  // The running workload's code while `c` shows it: it follows the workload the snapshot says runs.
  const source = useWorkloadSource(snapshot?.workload, view.sourceOpen === true);
  useSourceShown(source, dispatchView);

  useInput(
    (input, key) => {
      // Raw mode turns Ctrl-Z into a key instead of SIGTSTP; it still means suspend.
      if (key.ctrl && input === 'z') {
        onSuspend?.();
        return;
      }
      const context = {
        helpOpen: view.helpOpen,
        workloads: handle.workloads,
        currentWorkload: snapshot?.workload.name,
        snapshot,
        expected: view.expected,
        lanesOpen: view.lanesOpen,
        taskRows: snapshot ? rowIds(snapshot.tasks.recent, snapshot.inspected) : [],
        selectedTask: view.selectedTask,
        detailOpen: view.detailOpen,
      };
      const keyCommands = (input: string, key: KeyFlags): (ReplayCommand | PresenterCommand)[] =>
        replay
          ? replayCommandsFor(input, key, context, handle.lacks ?? [])
          : presenter
            ? presenterCommandsFor(input, key, context)
            : commandsFor(input, key, context);
      // With the code open, its keys come first (source-keys.ts); the others act as they would without it.
      const commands = view.sourceOpen
        ? sourceCommandsFor(
            input,
            key,
            sourceKeysContext({
              view,
              source,
              layout: shownLayout,
              size: shown,
              workloads: handle.workloads,
            }),
            keyCommands,
          )
        : keyCommands(input, key);
      let recordingEcho: string | undefined;
      for (const command of commands) {
        if (command.kind === 'quit') {
          onQuit();
          return;
        }
        if (command.kind === 'present') {
          if (presenter)
            dispatchView({ type: 'echo', echo: applyPresenterMove(presenter, command.move, command.key) });
        } else if (command.kind === 'replay') {
          if (replay)
            dispatchView({ type: 'echo', echo: applyReplayControl(replay, command.control, command.key) });
        } else if (command.kind === 'record') {
          recordingEcho = handle.controls?.recording?.toggle() ?? 'recording works in a live run';
        } else if (command.kind === 'view') dispatchView(command.action);
        else {
          handle.dispatch(command.action);
          dispatchView({ type: 'noteEngineAction', action: command.action });
        }
      }
      // Over the key's own echo: which file it records to, or why it cannot.
      if (recordingEcho) dispatchView({ type: 'echo', echo: { key: 's', text: recordingEcho } });
    },
    { isActive: isRawModeSupported === true },
  );

  // A replay takes one line above the dashboard for its banner, and the footer's line for its scrub bar; a
  // presentation lays out its band and the step's panes together (stage-layout.ts).
  const presented = usePresenterState(replay ? undefined : presenter);
  const stage = presented
    ? stageLayoutFor(size, { panes: presented.panes, lanes: view.lanesOpen ?? false })
    : undefined;
  const above = replay ? 1 : 0;
  const shown = above > 0 ? { columns: size.columns, rows: Math.max(1, size.rows - above) } : size;
  const shownLayout = stage ? stage.layout : above > 0 ? layoutFor(shown) : layout;
  const screen = (
    <Screen
      snapshot={snapshot}
      layout={shownLayout}
      lanesLayout={stage?.layout}
      size={shown}
      view={view}
      workloadCount={handle.workloads.length}
      footer={replay ? <ReplayBar replay={replay} width={shownLayout.width} /> : undefined}
      hints={presenter ? presenterHints : undefined}
      source={source}
    />
  );
  if (stage && presented) {
    return (
      <Box flexDirection="column">
        <PresenterBand
          state={presented}
          band={stage.band}
          width={shownLayout.width}
          model={snapshot?.model}
        />
        {screen}
      </Box>
    );
  }
  if (!replay) return screen;
  return (
    <Box flexDirection="column">
      <ReplayBanner replay={replay} width={shownLayout.width} echo={view.echo} />
      {screen}
    </Box>
  );
}
