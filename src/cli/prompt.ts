import { CliError } from './errors.js';

/** Keys typed ahead of a prompt (e.g. both passwords pasted at once) wait here for the next one. */
let typedAhead = '';

/** Takes one line out of `text`; null while no line is complete. Handles backspace. */
function takeLine(text: string): { line: string; rest: string } | null {
  let line = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\r' || ch === '\n' || ch === '\u0004') {
      const rest = ch === '\r' && text[i + 1] === '\n' ? text.slice(i + 2) : text.slice(i + 1);
      return { line, rest };
    }
    line = ch === '\u007f' || ch === '\b' ? line.slice(0, -1) : line + ch;
  }
  return null;
}

/** Reads a line from the terminal without echoing it (for passwords). */
export function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return Promise.reject(new CliError('Cannot ask for a password: the input is not a terminal'));
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const consume = () => {
      if (typedAhead.includes('\u0003')) {
        typedAhead = '';
        finish();
        reject(new CliError('Cancelled'));
        return;
      }
      const taken = takeLine(typedAhead);
      if (!taken) return;
      typedAhead = taken.rest;
      finish();
      resolve(taken.line);
    };
    const onData = (chunk: string) => {
      typedAhead += chunk;
      consume();
    };
    stdin.on('data', onData);
    stdin.resume();
    consume();
  });
}
