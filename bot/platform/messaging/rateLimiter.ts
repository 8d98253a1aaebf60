// Pacing for proactive sends: the per-app rate and Teams' per-conversation windows, so 429s stay rare.

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Spaces requests evenly at `ratePerSecond`, allowing a small catch-up burst when the caller fell behind. */
export class AppRateLimiter {
  private nextSlot = 0;
  private interval = 0;
  private burstMs = 0;

  constructor(ratePerSecond: number) {
    this.setRate(ratePerSecond);
  }

  get ratePerSecond(): number {
    return 1000 / this.interval;
  }

  /** Changes the pace from the next request on (another instance started or stopped sending). */
  setRate(ratePerSecond: number): void {
    if (!(ratePerSecond > 0)) throw new Error('The send rate must be above zero.');
    const burst = Math.max(1, Math.ceil(ratePerSecond / 20));
    this.interval = 1000 / ratePerSecond;
    this.burstMs = (burst - 1) * this.interval;
  }

  /** Resolves when the caller may send one request. */
  async acquire(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(this.nextSlot, now - this.burstMs);
    this.nextSlot = slot + this.interval;
    if (slot > now) await sleep(slot - now);
  }
}

/** Teams' documented limits for one bot in one conversation: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1,800 per hour. */
export const CONVERSATION_WINDOWS: readonly (readonly [windowMs: number, limit: number])[] = [
  [1000, 7],
  [2000, 8],
  [30_000, 60],
  [3_600_000, 1800],
];

export class ConversationRateLimiter {
  private readonly sent = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly windows = CONVERSATION_WINDOWS) {}

  /** Resolves when one more request to the conversation stays within every window; reserves it. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.sweep(now);
      const times = this.sent.get(conversationId) ?? [];
      const wait = this.waitFor(times, now);
      if (wait <= 0) {
        times.push(now);
        this.sent.set(conversationId, times);
        return;
      }
      await sleep(wait);
    }
  }

  private waitFor(times: readonly number[], now: number): number {
    let wait = 0;
    for (const [windowMs, limit] of this.windows) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) wait = Math.max(wait, (inWindow[inWindow.length - limit] as number) + windowMs - now + 1);
    }
    return wait;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const longest = Math.max(...this.windows.map(([ms]) => ms));
    for (const [id, times] of this.sent) {
      const kept = times.filter((t) => t > now - longest);
      if (kept.length === 0) this.sent.delete(id);
      else this.sent.set(id, kept);
    }
  }
}
