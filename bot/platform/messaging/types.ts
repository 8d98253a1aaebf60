// A scheduled fan-out run as the platform keeps it (runRepository.ts stores it in the `sendRuns` table).

export type RunStatus = 'planned' | 'enqueued';

export interface SendRun {
  readonly tenantId: string;
  /** Deterministic, e.g. `network:<id>:2025-26-autumn-1:focus`, so every instance computes the same one. */
  readonly runId: string;
  readonly kind: string;
  /** What a coordinator sees in `prompts status`, e.g. "Autumn 1 2025/26: focus prompt". */
  readonly label: string;
  /** The network (or cohort) the run belongs to, for listing; '' when none. */
  readonly ownerId: string;
  readonly dueAt: Date;
  readonly targetCount: number;
  readonly status: RunStatus;
  readonly created: Date;
  readonly updated: Date;
}
