/**
 * A one-line "what, done/total" counter on stderr for long synchronous work (the all-pairs
 * matrix). A spinner cannot be used there: its timer never fires while the work holds the event
 * loop, so the line is redrawn from the work's own callbacks, at most ten times a second.
 * Only on an interactive terminal: with stderr a file or a pipe, `TERM=dumb` or `CI` set,
 * nothing is written, so logs and JSON consumers see no control characters.
 */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function startProgress(
  label: string,
  stderr: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  const interactive = stderr.isTTY === true && env.TERM !== 'dumb' && !('CI' in env);
  if (!interactive) return { update: () => {}, stop: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      drawn = true;
      stderr.write(`\r\x1b[K${label}: ${done}/${total}`);
    },
    stop() {
      if (drawn) stderr.write('\r\x1b[K');
    },
  };
}
