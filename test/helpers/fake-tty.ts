import { EventEmitter } from 'node:events';

/**
 * A TTY keyboard for Ink: raw mode recorded, and keys arrive when `type` is called (all at once, as a terminal
 * can deliver several in one read).
 */
export function fakeKeyboard() {
  let pending: string | null = null;
  const rawModes: boolean[] = [];
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: (mode: boolean) => rawModes.push(mode),
    setEncoding() {},
    ref() {},
    unref() {},
    resume() {},
    pause() {},
    read() {
      const data = pending;
      pending = null;
      return data;
    },
  });
  const type = (keys: string) => {
    pending = keys;
    stdin.emit('readable');
  };
  return { stdin: stdin as unknown as NodeJS.ReadStream, type, rawModes };
}
