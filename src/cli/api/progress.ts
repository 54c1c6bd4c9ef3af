/**
 * Progress on stderr while a command waits: a spinner with the current state on a terminal,
 * one line per change of state otherwise (logs, CI).
 */
export interface Progress {
  update(state: string): void;
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progress(what: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  let state = '';
  if (!stream.isTTY) {
    return {
      update: (s) => {
        if (s !== state) stream.write(`${what}: ${(state = s)}\n`);
      },
      done: () => undefined,
    };
  }
  let frame = 0;
  const timer = setInterval(
    () => stream.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${what}: ${state}`),
    100,
  );
  return {
    update: (s) => void (state = s),
    done: () => {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
