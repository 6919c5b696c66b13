/**
 * Ctrl-C and SIGTERM for a command that writes a folder in one step: the first signal cancels the run
 * (it then changes nothing), a second quits at once (the next run undoes anything half-written). Once the
 * run is over the process only reports and exits: a late signal must not kill it with a signal's exit
 * status after the files are complete, so the handlers stay until exit.
 */
export class Interrupts {
  private readonly controller = new AbortController();
  private count = 0;
  private first: NodeJS.Signals | undefined;
  private over = false;
  private readonly listener = (signal: NodeJS.Signals) => this.interrupt(signal);

  constructor(private readonly err: (line: string) => void) {
    process.on('SIGINT', this.listener);
    process.on('SIGTERM', this.listener);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The exit code of an interrupted run: the shell's 128 + the first signal's number. */
  get exitCode(): number {
    return exitCodeOf(this.first ?? 'SIGINT');
  }

  /** The run is over: signals from now on are ignored. */
  finished(): void {
    this.over = true;
  }

  /** Before the run started (bad usage, a folder that could not be made): the default handling comes back. */
  dispose(): void {
    process.removeListener('SIGINT', this.listener);
    process.removeListener('SIGTERM', this.listener);
  }

  private interrupt(signal: NodeJS.Signals): void {
    if (this.over) return;
    this.count++;
    this.first ??= signal;
    if (this.count === 1) {
      this.err('strata: stopping… (Ctrl-C again quits at once; the next run in this folder then undoes anything half-written)');
      this.controller.abort();
    } else {
      process.exit(exitCodeOf(signal));
    }
  }
}

/** The shell's convention: 128 + the signal's number. */
export function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130;
}
