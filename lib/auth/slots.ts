/**
 * A small semaphore with a bounded queue. A password check costs ~20 MiB and tens of milliseconds
 * of CPU (argon2id) plus a few database round trips; a thousand of them at once would starve every
 * page of the app. So only a few run at a time, a few more wait, and the rest are refused at once
 * (the caller answers 429) instead of piling up.
 */
export class Busy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('busy');
  }
}

export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxQueue: number,
  ) {}

  /** True when a new caller would be refused: every slot is taken and the queue is full. */
  get full(): boolean {
    return this.running >= this.max && this.waiting.length >= this.maxQueue;
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `fn` in a slot, waiting for one if needed; throws Busy at once when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxQueue) throw new Busy(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * The app's one queue of password checks and hashes (logins, the current-password check of a
 * password change, new passwords). Kept on globalThis so that proxy.ts, which Next bundles apart
 * from the pages, sees the same queue when it refuses a login flood with 429.
 */
/** Two cores: two hashes at a time keep one core for pages; 16 waiting is under a second of queue. */
export const PASSWORD_SLOTS = 2;
export const PASSWORD_QUEUE = 16;
const KEY = Symbol.for('dept-scorecard.password-slots');
export function passwordSlots(): Slots {
  const g = globalThis as unknown as Record<symbol, Slots | undefined>;
  return (g[KEY] ??= new Slots(PASSWORD_SLOTS, PASSWORD_QUEUE));
}
