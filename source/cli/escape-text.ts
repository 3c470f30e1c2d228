// Text from the command line is echoed in error messages. A raw escape sequence there would reach the
// terminal (`--workload $'\e]0;pwned\a'` sets the window title) and a raw newline would split the one-line
// error in two, so everything that is not plain printable text is written as an escape.

/** C0 and C1 controls, DEL, and the Unicode line separators and bidirectional overrides that reorder text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return (
    named[character] ??
    (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`)
  );
}

/** `text` with every control character written as an escape (`\e`, `\n`, `\x07`, `\u{202e}`). */
export function escapeControls(text: string): string {
  return text.replace(unsafe, escapeCharacter);
}

/** How much of a value an error message echoes: enough to recognise it, never a screenful. */
const echoLimit = 60;

/** A value from the command line, quoted for an error message: escaped, and shortened past 60 characters. */
export function quoteValue(value: string): string {
  const characters = [...value];
  const shown = characters.length > echoLimit ? `${characters.slice(0, echoLimit - 1).join('')}…` : value;
  return `"${escapeControls(shown.replaceAll('\\', '\\\\').replaceAll('"', '\\"'))}"`;
}
