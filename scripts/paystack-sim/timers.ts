// Every delayed action of the simulator (webhook delays and retries, refund settlement) goes through here,
// so `stop()` and `reset` can cancel them all and a test run never leaves timers firing into the void.

export class Timers {
  private pending = new Set<NodeJS.Timeout>();
  private readonly stopController = new AbortController();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Aborted on stop: in-flight outbound requests listen to it. */
  get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  after(ms: number, task: () => unknown): void {
    if (this.stopController.signal.aborted) return;
    const timer = setTimeout(
      () => {
        this.pending.delete(timer);
        Promise.resolve()
          .then(task)
          .catch((error: unknown) => this.onError(error));
      },
      Math.max(0, ms),
    );
    this.pending.add(timer);
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  stop(): void {
    this.clear();
    this.stopController.abort();
  }
}
