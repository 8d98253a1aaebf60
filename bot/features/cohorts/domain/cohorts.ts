// Cohorts: names, areas, pasted member lists and the member-by-member progress of setting a cohort up.
import { createHash } from 'node:crypto';
import type { ConversationReference } from '../../../events';

/** Teams channel names: at most 50 characters, none of ~ # % & * { } + / \ : < > ? | ' " and not starting with an underscore or ending with a full stop. */
const CHANNEL_NAME_FORBIDDEN = /[~#%&*{}+/\\:<>?|'"]/;
export const MAX_COHORT_MEMBERS = 200;

export type MemberStatus = 'pending' | 'found' | 'added' | 'not-found' | 'failed';

export interface CohortMember {
  readonly email: string;
  readonly status: MemberStatus;
  /** Entra ID object id once looked up (guests included). */
  readonly userId?: string;
  readonly name?: string;
  readonly guest?: boolean;
  /**
   * The mail address the directory holds for them, where invitations go (a UPN typed in may differ from it; a
   * guest's is their own external address). `null`: the directory has none (no mailbox). Unset: not recorded, as on
   * members stored before it was.
   */
  readonly mail?: string | null;
  /** Graph's code when adding failed, e.g. `NotFound`. */
  readonly errorCode?: string;
}

export interface ParsedEmails {
  readonly valid: string[];
  readonly invalid: string[];
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Reads a pasted list: commas, semicolons, spaces or lines; `Name <a@b.org>` forms too. Lower-cased and de-duplicated. */
export function parseEmails(text: string): ParsedEmails {
  const valid: string[] = [];
  const invalid: string[] = [];
  const tokens: string[] = [];
  // Outlook pastes `Name <address>; Name <address>`: where a segment has <...>, only the address counts.
  for (const segment of text.replace(/mailto:/gi, ' ').split(/[,;\n]+/)) {
    const angled = [...segment.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
    tokens.push(...(angled.length > 0 ? angled : segment.split(/\s+/)));
  }
  const cleaned = tokens.map((t) => t.trim().replace(/^["'([]+|["')\].]+$/g, '')).filter((t) => t.length > 0);
  for (const token of cleaned) {
    if (EMAIL.test(token)) {
      const email = token.toLowerCase();
      if (!valid.includes(email)) valid.push(email);
    } else if (!invalid.includes(token)) {
      invalid.push(token);
    }
  }
  return { valid, invalid };
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

/** Problems with a cohort name as a Teams channel name, or none. */
export function cohortNameProblems(name: string): string[] {
  const problems: string[] = [];
  const trimmed = name.trim();
  if (trimmed.length < 3) problems.push('The cohort name needs at least 3 characters.');
  if (trimmed.length > 50) problems.push('The cohort name can be at most 50 characters (it becomes the channel name).');
  if (CHANNEL_NAME_FORBIDDEN.test(trimmed)) problems.push('The cohort name cannot contain ~ # % & * { } + / \\ : < > ? | \' or ".');
  if (trimmed.startsWith('_') || trimmed.endsWith('.')) problems.push('The cohort name cannot start with _ or end with a full stop.');
  return problems;
}

export function normaliseCohortName(name: string): string {
  return name.trim().split(/\s+/).join(' ');
}

/** A stable id from the name, so the same cohort created twice lands on the same row (and no typed text is in a key). */
export function cohortIdFor(name: string): string {
  return createHash('sha256').update(normaliseCohortName(name).toLowerCase()).digest('hex').slice(0, 24);
}

/** Adds newly listed emails as pending, keeping everyone already known (and their progress). */
export function mergeMembers(existing: readonly CohortMember[], emails: readonly string[]): CohortMember[] {
  const known = new Set(existing.map((m) => m.email));
  return [...existing, ...emails.filter((e) => !known.has(e)).map((email): CohortMember => ({ email, status: 'pending' }))];
}

/** Who still needs looking up: new, or not found last time (they may have been invited as guests since). */
export function membersToLookUp(members: readonly CohortMember[]): CohortMember[] {
  return members.filter((m) => m.status === 'pending' || m.status === 'not-found');
}

/** Who is known to Entra ID but not yet added (including earlier failures, retried). */
export function membersToAdd(members: readonly CohortMember[]): CohortMember[] {
  return members.filter((m) => (m.status === 'found' || m.status === 'failed') && m.userId);
}

/** Found in the directory (whether or not adding them to the team worked): the only members who may be invited. */
function isResolved(member: CohortMember): boolean {
  return member.userId !== undefined && (member.status === 'found' || member.status === 'added' || member.status === 'failed');
}

/** Resolved members whose mail address was never recorded (cohorts stored before it was): look them up again by id. */
export function membersWithoutMail(members: readonly CohortMember[]): CohortMember[] {
  return members.filter((m) => isResolved(m) && m.mail === undefined);
}

export type NotInvitedReason = 'not-found' | 'not-looked-up' | 'no-mailbox';

export interface Invitees {
  /** The directory's mail addresses of the members invited, each once. */
  readonly addresses: readonly string[];
  readonly invited: readonly CohortMember[];
  readonly notInvited: readonly { readonly member: CohortMember; readonly reason: NotInvitedReason }[];
}

/**
 * Who a workshop invitation goes to: members the directory resolved (guests included, at their own address), invited
 * at the mail address it holds for them, never at an address as typed. Everyone else is listed with the reason.
 */
export function inviteesOf(members: readonly CohortMember[]): Invitees {
  const addresses: string[] = [];
  const invited: CohortMember[] = [];
  const notInvited: { member: CohortMember; reason: NotInvitedReason }[] = [];
  for (const member of members) {
    if (!isResolved(member)) {
      notInvited.push({ member, reason: member.status === 'not-found' ? 'not-found' : 'not-looked-up' });
    } else if (member.mail === null) {
      notInvited.push({ member, reason: 'no-mailbox' });
    } else if (member.mail === undefined) {
      notInvited.push({ member, reason: 'not-looked-up' });
    } else {
      invited.push(member);
      const address = member.mail.toLowerCase();
      if (!addresses.includes(address)) addresses.push(address);
    }
  }
  return { addresses, invited, notInvited };
}

/** A line for a member who was not invited: who, why, and what to do. */
export function describeNotInvited(member: CohortMember, reason: NotInvitedReason, cohortName: string): string {
  const who = member.name ? `${member.name} (${member.email})` : member.email;
  const addThem = `"cohort add ${cohortName} ${member.email}"`;
  switch (reason) {
    case 'not-found':
      return `${who}: not invited, not found in your directory. Check the spelling (or have them invited as a guest), then run ${addThem}; they will find the join link on the workshop card in the cohort channel.`;
    case 'not-looked-up':
      return `${who}: not invited, not looked up in your directory yet. Run ${addThem}; they will find the join link on the workshop card in the cohort channel.`;
    case 'no-mailbox':
      return `${who}: not invited, the directory has no mailbox for them. Ask your administrator to give them one, or share the join link on the workshop card with them.`;
  }
}

/** Lines for a card: people who need attention first, then the rest, at most `limit` lines so the card stays small. */
export function memberLines(members: readonly CohortMember[], limit = 60): string[] {
  const needing = members.filter((m) => m.status !== 'added');
  const ordered = [...needing, ...members.filter((m) => m.status === 'added')];
  const lines = ordered.slice(0, limit).map(describeMember);
  const hidden = ordered.length - limit;
  if (hidden > 0) lines.push(needing.length > limit ? `…and ${hidden} more` : `…and ${hidden} more, all added`);
  return lines;
}

export function describeMember(member: CohortMember): string {
  const who = `${member.email}${member.guest ? ' (guest)' : ''}`;
  switch (member.status) {
    case 'added':
      return `${who}: added`;
    case 'not-found':
      return `${who}: not found in your directory; invite them as a guest first, then run this again`;
    case 'failed':
      return `${who}: not added (${member.errorCode ?? 'error'}); run this again to retry`;
    case 'found':
      return `${who}: found, not added yet`;
    case 'pending':
      return `${who}: not looked up yet`;
  }
}

// A cohort as the bot keeps it (cohortRepository.ts stores it in the `cohorts` table).

export type CohortStatus = 'setting-up' | 'ready';

export interface WorkshopRecord {
  readonly number: 1 | 2;
  /** London wall-clock start and end, as sent to Graph. */
  readonly localStart: string;
  readonly localEnd: string;
  readonly status: 'booked' | 'cancelled';
  readonly eventId: string;
  readonly joinUrl?: string;
}

export interface WorkshopBooking {
  readonly organiser: string;
  readonly online: boolean;
  readonly venue?: string;
  readonly durationMinutes: number;
  readonly workshops: readonly WorkshopRecord[];
  /** The workshop card in the cohort channel, to update when a workshop moves or is cancelled. */
  readonly cardActivityId?: string;
  readonly cardThread?: ConversationReference;
}

export interface Cohort {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly areaId: string;
  /** The installation (team conversation id) the channel lives in, for proactive posts. */
  readonly teamConversationId: string;
  /** The team's Microsoft 365 group id, for Graph. */
  readonly teamAadGroupId: string;
  readonly teamName?: string;
  readonly membershipType: 'standard' | 'private';
  readonly facilitator?: string;
  readonly channelId?: string;
  readonly channelUrl?: string;
  readonly welcomeActivityId?: string;
  readonly members: readonly CohortMember[];
  readonly status: CohortStatus;
  readonly booking?: WorkshopBooking;
  readonly createdBy: string;
  readonly created: Date;
  readonly updated: Date;
}

/** A value with the ETag it was read at: saving it back refuses (conflict) when someone else saved in between. */
export interface Stored<T> {
  readonly value: T;
  readonly etag: string;
}
