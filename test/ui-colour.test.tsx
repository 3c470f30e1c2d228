// Colour must be forced before Ink loads, so this file imports Ink and the views dynamically.
import { afterEach, expect, test } from 'vitest';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { App } = await import('../source/ui/app.tsx');
const { EventLoopPane, Header } = await import('../source/ui/panes/pane-boxes.tsx');
const { ThemeContext } = await import('../source/ui/theme-context.ts');
const { asyncRunningCpu, workersBusy } = await import('./fixtures/snapshots.ts');

afterEach(cleanup);

const red = '\u001B[31m';
const magenta = '\u001B[35m';
/** Any foreground or background colour code: 30–37, 39–47, 49, 90–97, 100–107, and 256 / true colour. */
const anyColour = new RegExp(`${'\u001B'}\\[(3[0-9]|4[0-9]|9[0-7]|10[0-7]|38;|48;)`);

test('with colour on, a stalled lag is red', () => {
  const { lastFrame } = render(
    <ThemeContext value={{ color: true }}>
      <EventLoopPane snapshot={asyncRunningCpu} width={50} height={7} />
    </ThemeContext>,
  );
  expect(lastFrame()).toContain(`${red}✖ stalled`);
});

test('with colour off, a stalled lag still reads as stalled', () => {
  const { lastFrame } = render(
    <ThemeContext value={{ color: false }}>
      <EventLoopPane snapshot={asyncRunningCpu} width={50} height={7} />
    </ThemeContext>,
  );
  const frame = lastFrame() ?? '';
  expect(frame).not.toMatch(anyColour);
  expect(frame).toContain('✖ stalled');
});

test('with colour on, each model has its own colour', () => {
  const { lastFrame } = render(
    <ThemeContext value={{ color: true }}>
      <Header snapshot={asyncRunningCpu} width={79} big={false} />
    </ThemeContext>,
  );
  expect(lastFrame()).toContain(magenta);
});

test('with colour off, the whole dashboard has no colour and keeps its words and symbols', () => {
  const handle = {
    latest: () => workersBusy,
    subscribe: () => () => {},
    dispatch: () => {},
    workloads: [],
  };
  const { lastFrame } = render(
    <App handle={handle} color={false} onQuit={() => {}} size={{ columns: 100, rows: 40 }} />,
  );
  const frame = lastFrame() ?? '';
  expect(frame).not.toMatch(anyColour);
  expect(frame).toContain('● healthy');
  expect(frame).toContain('230/s ★');
  expect(frame).toContain('▲workers');
});

test('with colour on, the same dashboard is coloured', () => {
  const handle = { latest: () => workersBusy, subscribe: () => () => {}, dispatch: () => {}, workloads: [] };
  const { lastFrame } = render(
    <App handle={handle} color onQuit={() => {}} size={{ columns: 100, rows: 40 }} />,
  );
  expect(lastFrame()).toMatch(anyColour);
});
