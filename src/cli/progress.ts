import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Progress for long work, on stderr so that stdout stays clean for data. A live bar on a
 * terminal; elsewhere (CI logs, pipes) a plain line every few seconds and one at the end.
 */
export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastLine = 0;
  let lastDone = -1;
  return {
    update(done, total) {
      const now = Date.now();
      if (done === lastDone || (now - lastLine < 2000 && done < total)) return;
      lastLine = now;
      lastDone = done;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      stream.write(`${label}: ${done}/${total} (${percent}%)\n`);
    },
    stop() {},
  };
}
