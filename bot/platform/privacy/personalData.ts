// The registry behind `privacy export` and `privacy delete`: each feature that stores personal data gives a source in
// its manifest (`personalData`), so export and erasure cover everything without this file knowing the features.

export interface PersonalDataSource {
  /** A stable name, used as the key in the export file and in counts, e.g. `panelCases`. */
  readonly name: string;
  /** Everything this source holds about the person, as plain JSON. */
  exportFor(tenantId: string, aadObjectId: string): Promise<unknown>;
  /** Erases what this source holds about the person; returns how many records went. Safe to repeat. */
  eraseFor(tenantId: string, aadObjectId: string, now: Date): Promise<number>;
}

export interface PersonalDataExport {
  readonly exportedAt: string;
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly data: Record<string, unknown>;
}

export async function exportPersonalData(sources: readonly PersonalDataSource[], tenantId: string, aadObjectId: string, now: Date): Promise<PersonalDataExport> {
  const data: Record<string, unknown> = {};
  for (const source of sources) data[source.name] = await source.exportFor(tenantId, aadObjectId);
  return { exportedAt: now.toISOString(), tenantId, aadObjectId, data };
}

/** Runs every source's erasure; returns counts per source (all sources run even if one has nothing). */
export async function erasePersonalData(sources: readonly PersonalDataSource[], tenantId: string, aadObjectId: string, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const source of sources) counts[source.name] = await source.eraseFor(tenantId, aadObjectId, now);
  return counts;
}
