// Retention: each kind of record that expires gives a purge in its feature's manifest; `runRetentionPurge` runs them all.
// Every purge deletes only what has expired at `now`, so running it twice (or on two instances) is harmless.

export interface RetentionTarget {
  /** e.g. `panelCases`, `audit`, `downloads` (and `responses` once survey responses are stored). */
  readonly kind: string;
  purgeExpired(now: Date): Promise<number>;
}

export async function runRetentionPurge(targets: readonly RetentionTarget[], now: Date): Promise<Record<string, number>> {
  const purged: Record<string, number> = {};
  for (const target of targets) purged[target.kind] = await target.purgeExpired(now);
  return purged;
}
