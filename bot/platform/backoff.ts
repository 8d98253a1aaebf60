// Retry waits shared by everything that calls out (the Bot Connector sender, Graph).

/** Exponential backoff with jitter: a wait between half and all of base × 2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 250, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
