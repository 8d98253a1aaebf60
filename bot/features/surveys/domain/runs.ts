// A survey run: who it is for, when it is open, and who may answer it. Pure: time comes in as a parameter.
import type { SurveyKind } from './definition';

export const PHASES = ['baseline', 'follow-up'] as const;
export type Phase = (typeof PHASES)[number];

export interface SurveyRun {
  /** The tenant whose cohort or conversation it is: cohort ids are only unique within a tenant. */
  readonly tenantId: string;
  /** The cohort or conversation the run belongs to (with the tenant, the surveyRuns PartitionKey). */
  readonly targetId: string;
  readonly runId: string;
  readonly kind: SurveyKind;
  readonly phase: Phase;
  /** The target's display name when the run started. */
  readonly label: string;
  /** Sent 1:1 to each member instead of posted in the conversation. */
  readonly confidential: boolean;
  /** The channel or chat the card was posted in (no `;messageid=` part). */
  readonly conversationId: string;
  readonly openedAt: Date;
  readonly closesAt?: Date;
  /** Set when someone closed it early. */
  readonly closedAt?: Date;
  readonly openedBy: string;
  /** Entra ID object ids (lower case) of the people the run was sent to, when known. */
  readonly members: readonly string[];
  /** True when `members` is a cohort's own list: then only they may answer, even from a channel the whole team sees. */
  readonly membersOnly?: boolean;
  /** Secret per run for pseudonyms in exports, so rows cannot be linked across runs or back to a person. */
  readonly salt: string;
}

export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** When the run stops taking answers, if it does. */
export function closingTime(run: Pick<SurveyRun, 'closesAt' | 'closedAt'>): Date | undefined {
  const times = [run.closesAt, run.closedAt].filter((t): t is Date => t !== undefined);
  return times.length > 0 ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
}

export function isOpen(run: Pick<SurveyRun, 'openedAt' | 'closesAt' | 'closedAt'>, now: Date): boolean {
  const closes = closingTime(run);
  return now.getTime() >= run.openedAt.getTime() && (closes === undefined || now.getTime() < closes.getTime());
}

/**
 * A member of the run may answer it; so may anyone clicking the card inside the (non-confidential) conversation it was
 * posted to, because Teams only shows that card to members of that conversation, unless the run is for a cohort's
 * own member list (a cohort's standard channel is visible to the whole team).
 */
export function mayAnswer(run: Pick<SurveyRun, 'members' | 'membersOnly' | 'confidential' | 'conversationId'>, aadObjectId: string, conversationId: string): boolean {
  if (run.members.includes(aadObjectId.toLowerCase())) return true;
  return !run.membersOnly && !run.confidential && baseConversationId(conversationId) === run.conversationId;
}

export interface StartOptions {
  /** The cohort or conversation name; empty means "this conversation". */
  readonly name: string;
  readonly phase: Phase;
  readonly confidential: boolean;
  /** London date (YYYY-MM-DD) the run closes at the end of. */
  readonly closesOn?: string;
}

export interface SurveyArgs {
  readonly options: StartOptions;
  /** Whether a phase word ended the command (without one, `options.phase` is baseline): close and export then pick runs of that phase only. */
  readonly phaseGiven: boolean;
}

/**
 * Parses `<name> [baseline|follow-up] [confidential] [closes YYYY-MM-DD]`; option words are read from the end only,
 * so a cohort called "Baseline group" keeps its name and names no phase.
 */
export function parseSurveyArgs(args: string): SurveyArgs {
  const words = args.split(/\s+/).filter((w) => w.length > 0);
  let phase: Phase = 'baseline';
  let phaseGiven = false;
  let confidential = false;
  let closesOn: string | undefined;
  for (;;) {
    const last = words.at(-1)?.toLowerCase();
    const before = words.at(-2)?.toLowerCase();
    if (last === 'baseline' || last === 'follow-up' || last === 'followup') {
      phase = last === 'baseline' ? 'baseline' : 'follow-up';
      phaseGiven = true;
      words.pop();
    } else if (last === 'confidential') {
      confidential = true;
      words.pop();
    } else if (last && /^\d{4}-\d{2}-\d{2}$/.test(last) && (before === 'closes' || before === 'until')) {
      closesOn = last;
      words.splice(-2, 2);
    } else {
      break;
    }
  }
  return { options: { name: words.join(' '), phase, confidential, closesOn }, phaseGiven };
}

/** The options of `start`, where no phase word means a baseline run. */
export function parseStartArgs(args: string): StartOptions {
  return parseSurveyArgs(args).options;
}

/** The newest run of a kind and phase among a target's runs. */
export function latestRun<R extends Pick<SurveyRun, 'kind' | 'phase' | 'openedAt'>>(runs: readonly R[], kind: SurveyKind, phase?: Phase): R | undefined {
  return runs
    .filter((r) => r.kind === kind && (phase === undefined || r.phase === phase))
    .reduce<R | undefined>((best, r) => (!best || r.openedAt.getTime() > best.openedAt.getTime() ? r : best), undefined);
}
