import { ModelError } from './errors';

/**
 * Runs at most `concurrency` model calls at once; the rest wait in a queue, in order. Aborting the
 * limiter's signal (or a task's own) rejects queued tasks at once and reaches running ones through the
 * signal each task receives.
 */
export class CallLimiter {
  private running = 0;
  private readonly queue: { start: () => void; reject: (error: Error) => void; signal: AbortSignal }[] = [];
  private readonly controller = new AbortController();

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Cancels every queued and running task. */
  abortAll(reason = 'cancelled'): void {
    this.controller.abort(reason);
  }

  run<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const combined = signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
    if (combined.aborted) return Promise.reject(new ModelError('cancelled', 'The call was cancelled before it started'));
    return new Promise<T>((resolve, reject) => {
      const entry = {
        signal: combined,
        reject,
        start: () => {
          this.running++;
          task(combined)
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.next();
            });
        },
      };
      combined.addEventListener(
        'abort',
        () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) {
            this.queue.splice(index, 1);
            reject(new ModelError('cancelled', 'The call was cancelled while waiting in the queue'));
          }
        },
        { once: true },
      );
      this.queue.push(entry);
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency && this.queue.length > 0) this.queue.shift()!.start();
  }
}
