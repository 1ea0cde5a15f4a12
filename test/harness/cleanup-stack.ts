// Teardown for suites that start several resources: each registered step runs, newest
// first, even when an earlier one throws, so one failure never leaks the rest.
export class CleanupStack {
  private readonly steps: (() => Promise<unknown> | unknown)[] = [];

  /** Registers a teardown step; returns `value` so it can wrap a start call. */
  defer<T>(value: T, step: (value: T) => Promise<unknown> | unknown): T {
    this.steps.push(() => step(value));
    return value;
  }

  /** Runs every step once (newest first); rethrows the first failure after all ran. */
  async run(): Promise<void> {
    const errors: unknown[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
