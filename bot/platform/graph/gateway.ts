// The narrow Graph gateway: only the calls the bot makes, each typed. Batching and retries live in the transport.
import { z } from 'zod';
import { AppError } from '../../errors';
import { errorCodeOf, errorMessageOf, unexpected, type GraphAnswer, type GraphCall, type GraphTransport } from './transport';

export const PERMISSIONS = {
  readUsers: 'User.Read.All',
  createChannel: 'Channel.Create',
  readChannels: 'Channel.ReadBasic.All',
  addTeamMembers: 'TeamMember.ReadWrite.All',
  addChannelMembers: 'ChannelMember.ReadWrite.All',
  calendars: 'Calendars.ReadWrite',
  /** Finding a workshop's Teams meeting by its join link (with an application access policy for the organiser). */
  onlineMeetings: 'OnlineMeetings.Read.All',
  /** A Teams meeting's attendance reports (with the same application access policy). */
  meetingArtifacts: 'OnlineMeetingArtifact.Read.All',
} as const;

/** Graph takes at most 200 members in one `members/add`. */
export const MEMBERS_ADD_LIMIT = 200;

export interface GraphUser {
  readonly id: string;
  readonly displayName?: string;
  readonly mail?: string;
  readonly userPrincipalName?: string;
  readonly userType?: string;
}

export interface Channel {
  readonly id: string;
  readonly displayName: string;
  readonly membershipType?: string;
  readonly webUrl?: string;
}

export type ChannelMembership = 'standard' | 'private';

export interface MemberResult {
  readonly userId: string;
  readonly added: boolean;
  /** Graph's error code when not added, e.g. `NotFound`; a code, never shown raw. */
  readonly errorCode?: string;
}

export interface EventRequest {
  readonly subject: string;
  readonly bodyHtml: string;
  /** London wall-clock, e.g. `2026-03-03T09:30:00`. */
  readonly start: string;
  readonly end: string;
  readonly online: boolean;
  readonly venue?: string;
  readonly attendees: readonly string[];
  /** Graph drops a repeated POST with the same transactionId, so a retried booking does not double-book. */
  readonly transactionId: string;
}

export type EventResult =
  | { readonly ok: true; readonly id: string; readonly joinUrl?: string; readonly webLink?: string }
  | { readonly ok: false; readonly status: number; readonly errorCode?: string };

/** One person in a Teams meeting's attendance report: who, and for how long in all. */
export interface MeetingAttendee {
  /** The address Teams recorded, lower-cased; may be empty for someone who joined anonymously. */
  readonly email: string;
  /** Their Entra ID object id, when they joined signed in. */
  readonly userId?: string;
  readonly seconds: number;
}

const meetingListSchema = z.object({ value: z.array(z.object({ id: z.string() })) });
const reportListSchema = z.object({ value: z.array(z.object({ id: z.string() })) });
const reportSchema = z.object({
  id: z.string(),
  attendanceRecords: z
    .array(
      z.object({
        emailAddress: z.string().nullish(),
        totalAttendanceInSeconds: z.number().nullish(),
        identity: z.object({ id: z.string().nullish() }).nullish(),
      }),
    )
    .default([]),
});

const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  userType: z.string().nullish(),
});
const channelSchema = z.object({ id: z.string(), displayName: z.string(), membershipType: z.string().nullish(), webUrl: z.string().nullish() });
const memberResultSchema = z.object({
  userId: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
const userListSchema = z.object({ value: z.array(userSchema) });
const channelPageSchema = z.object({ value: z.array(channelSchema), '@odata.nextLink': z.string().optional() });
const memberResultsSchema = z.object({ value: z.array(memberResultSchema) });
const eventSchema = z.object({
  id: z.string(),
  webLink: z.string().nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const LONDON_ZONE = 'Europe/London';
/** What the bot reads of a user: `mail` is where invitations go, which can differ from the UPN someone typed. */
const USER_FIELDS = 'id,displayName,mail,userPrincipalName,userType';

/** A channel Graph has just made may not show up at once: look again this many times, this far apart. */
export const VISIBILITY_ATTEMPTS = 6;
export const VISIBILITY_PAUSE_MS = 5000;

export class GraphGateway {
  constructor(private readonly transport: GraphTransport) {}

  /** Waits (through the transport's sleep, so tests need no real time) before looking again for something Graph made. */
  async pause(ms: number): Promise<void> {
    await this.transport.pause(ms);
  }

  /** Finds a channel by name, looking again for a bounded time while a just-created channel is not visible yet. */
  async waitForChannel(teamId: string, displayName: string): Promise<Channel | undefined> {
    const wanted = displayName.toLowerCase();
    for (let attempt = 1; ; attempt += 1) {
      const found = (await this.listChannels(teamId)).find((c) => c.displayName.toLowerCase() === wanted);
      if (found || attempt >= VISIBILITY_ATTEMPTS) return found;
      await this.pause(VISIBILITY_PAUSE_MS);
    }
  }

  /** Looks up people by email or UPN (guests by their own address), one `$batch` per 20. Unknown addresses map to undefined. */
  async usersByEmail(emails: readonly string[]): Promise<Map<string, GraphUser | undefined>> {
    const calls: GraphCall[] = emails.map((email) => {
      const quoted = `'${email.replace(/'/g, "''")}'`;
      const filter = encodeURIComponent(`mail eq ${quoted} or userPrincipalName eq ${quoted}`);
      return { method: 'GET', url: `/users?$filter=${filter}&$select=${USER_FIELDS}`, permission: PERMISSIONS.readUsers };
    });
    const answers = await this.transport.batch(calls);
    const found = new Map<string, GraphUser | undefined>();
    emails.forEach((email, i) => {
      const answer = answers[i] as GraphAnswer;
      if (answer.status === 404 || answer.status === 400) {
        found.set(email, undefined);
        return;
      }
      if (answer.status !== 200) throw unexpected(answer, 'users lookup');
      const values = userListSchema.parse(answer.body).value;
      const user = values[0];
      found.set(email, user ? clean(user) : undefined);
    });
    return found;
  }

  /** Looks people up again by object id, one `$batch` per 20; someone no longer in the directory maps to undefined. */
  async usersById(ids: readonly string[]): Promise<Map<string, GraphUser | undefined>> {
    const answers = await this.transport.batch(
      ids.map((id) => ({ method: 'GET', url: `/users/${encodeURIComponent(id)}?$select=${USER_FIELDS}`, permission: PERMISSIONS.readUsers })),
    );
    const found = new Map<string, GraphUser | undefined>();
    ids.forEach((id, i) => {
      const answer = answers[i] as GraphAnswer;
      if (answer.status === 404) {
        found.set(id, undefined);
        return;
      }
      if (answer.status !== 200) throw unexpected(answer, 'user lookup by id');
      found.set(id, clean(userSchema.parse(answer.body)));
    });
    return found;
  }

  /** Creates the channel; `exists` when the team already has (or had) a channel of that name. */
  async createChannel(
    teamId: string,
    request: { displayName: string; description: string; membershipType: ChannelMembership; ownerUserId?: string },
  ): Promise<{ status: 'created'; channel: Channel } | { status: 'exists' }> {
    const body: Record<string, unknown> = {
      displayName: request.displayName,
      description: request.description,
      membershipType: request.membershipType,
    };
    if (request.membershipType === 'private') {
      if (!request.ownerUserId) throw new Error('A private channel created with application permissions needs an owner.');
      // Application permissions: a private channel must be created with an owner in `members`.
      body.members = [this.member(request.ownerUserId, ['owner'])];
    }
    const answer = await this.transport.send({ method: 'POST', url: `/teams/${encodeURIComponent(teamId)}/channels`, body, permission: PERMISSIONS.createChannel });
    if (answer.status === 201 || answer.status === 200) return { status: 'created', channel: clean(channelSchema.parse(answer.body)) };
    if (answer.status === 409 || (answer.status === 400 && isNameTaken(answer))) return { status: 'exists' };
    if (answer.status === 404) throw teamNotFound();
    throw unexpected(answer, 'create channel');
  }

  async listChannels(teamId: string): Promise<Channel[]> {
    const channels: Channel[] = [];
    let url: string | undefined = `/teams/${encodeURIComponent(teamId)}/channels?$select=id,displayName,membershipType,webUrl`;
    while (url) {
      const answer = await this.transport.send({ method: 'GET', url, permission: PERMISSIONS.readChannels });
      if (answer.status === 404) throw teamNotFound();
      if (answer.status !== 200) throw unexpected(answer, 'list channels');
      const page = channelPageSchema.parse(answer.body);
      channels.push(...page.value.map(clean));
      url = page['@odata.nextLink'] ? relativeToVersion(page['@odata.nextLink']) : undefined;
    }
    return channels;
  }

  /** Bulk-adds people to the team (standard channels inherit team membership); one result per person (200 or 207). */
  async addTeamMembers(teamId: string, userIds: readonly string[]): Promise<MemberResult[]> {
    const results: MemberResult[] = [];
    for (let start = 0; start < userIds.length; start += MEMBERS_ADD_LIMIT) {
      const chunk = userIds.slice(start, start + MEMBERS_ADD_LIMIT);
      const answer = await this.transport.send({
        method: 'POST',
        url: `/teams/${encodeURIComponent(teamId)}/members/add`,
        body: { values: chunk.map((id) => this.member(id, [])) },
        permission: PERMISSIONS.addTeamMembers,
      });
      if (answer.status === 404) throw teamNotFound();
      if (answer.status !== 200 && answer.status !== 207) throw unexpected(answer, 'members/add');
      const parts = memberResultsSchema.parse(answer.body).value;
      const byUser = new Map(parts.filter((p) => p.userId).map((p) => [p.userId as string, p]));
      for (const id of chunk) {
        const part = byUser.get(id);
        if (!part) results.push({ userId: id, added: false, errorCode: 'NoResult' });
        else if (part.error) results.push({ userId: id, added: false, errorCode: part.error.code ?? 'Unknown' });
        else results.push({ userId: id, added: true });
      }
    }
    return results;
  }

  /** Adds people to a private channel, batched; 404 means the channel is not visible yet (see `channelNotVisible`). */
  async addChannelMembers(teamId: string, channelId: string, members: readonly { userId: string; owner: boolean }[]): Promise<MemberResult[]> {
    const url = `/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/members`;
    const answers = await this.transport.batch(
      members.map((m) => ({ method: 'POST', url, body: this.member(m.userId, m.owner ? ['owner'] : []), permission: PERMISSIONS.addChannelMembers })),
    );
    return members.map((m, i) => {
      const answer = answers[i] as GraphAnswer;
      if (answer.status === 201 || answer.status === 200 || answer.status === 409) return { userId: m.userId, added: true };
      return { userId: m.userId, added: false, errorCode: answer.status === 404 ? 'ChannelNotFound' : errorCodeOf(answer.body) ?? `Http${answer.status}` };
    });
  }

  /** Creates calendar events on the organiser's calendar, all in one `$batch`; each result on its own. */
  async createEvents(organiser: string, events: readonly EventRequest[]): Promise<EventResult[]> {
    const url = `/users/${encodeURIComponent(organiser)}/events`;
    const answers = await this.transport.batch(
      events.map((event) => ({ method: 'POST', url, body: eventBody(event), permission: PERMISSIONS.calendars })),
    );
    return answers.map((answer) => {
      if (answer.status === 201 || answer.status === 200) {
        const created = eventSchema.parse(answer.body);
        return { ok: true, id: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? undefined, webLink: created.webLink ?? undefined };
      }
      return { ok: false, status: answer.status, errorCode: errorCodeOf(answer.body) };
    });
  }

  /** Moves an event: only start and end, so Graph does not re-send the invitation to every attendee. */
  async moveEvent(organiser: string, eventId: string, start: string, end: string): Promise<void> {
    const answer = await this.transport.send({
      method: 'PATCH',
      url: `/users/${encodeURIComponent(organiser)}/events/${encodeURIComponent(eventId)}`,
      body: { start: { dateTime: start, timeZone: LONDON_ZONE }, end: { dateTime: end, timeZone: LONDON_ZONE } },
      permission: PERMISSIONS.calendars,
    });
    if (answer.status === 404) throw eventNotFound();
    if (answer.status !== 200) throw unexpected(answer, 'move event');
  }

  /**
   * Who attended a Teams meeting, from its attendance reports (one per time the meeting ran): the meeting is found by
   * its join link on the organiser's account, then each report is read with its records. Undefined when the organiser
   * has no such meeting. Needs OnlineMeetings.Read.All and OnlineMeetingArtifact.Read.All with an application access
   * policy that covers the organiser.
   */
  async meetingAttendance(organiserId: string, joinUrl: string): Promise<MeetingAttendee[] | undefined> {
    const user = `/users/${encodeURIComponent(organiserId)}`;
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const found = await this.transport.send({ method: 'GET', url: `${user}/onlineMeetings?$filter=${filter}`, permission: PERMISSIONS.onlineMeetings });
    if (found.status === 404) return undefined;
    if (found.status !== 200) throw unexpected(found, 'find online meeting');
    const meeting = meetingListSchema.parse(found.body).value[0];
    if (!meeting) return undefined;
    const meetingPath = `${user}/onlineMeetings/${encodeURIComponent(meeting.id)}/attendanceReports`;
    const listed = await this.transport.send({ method: 'GET', url: meetingPath, permission: PERMISSIONS.meetingArtifacts });
    if (listed.status === 404) return [];
    if (listed.status !== 200) throw unexpected(listed, 'list attendance reports');
    const reports = reportListSchema.parse(listed.body).value;
    const answers = await this.transport.batch(
      reports.map((report) => ({ method: 'GET', url: `${meetingPath}/${encodeURIComponent(report.id)}?$expand=attendanceRecords`, permission: PERMISSIONS.meetingArtifacts })),
    );
    const attendees: MeetingAttendee[] = [];
    for (const answer of answers) {
      if (answer.status !== 200) throw unexpected(answer, 'read attendance report');
      for (const record of reportSchema.parse(answer.body).attendanceRecords) {
        const userId = record.identity?.id ?? undefined;
        attendees.push({ email: (record.emailAddress ?? '').toLowerCase(), ...(userId ? { userId } : {}), seconds: record.totalAttendanceInSeconds ?? 0 });
      }
    }
    return attendees;
  }

  /** Cancels an event and sends attendees the message. */
  async cancelEvent(organiser: string, eventId: string, comment: string): Promise<void> {
    const answer = await this.transport.send({
      method: 'POST',
      url: `/users/${encodeURIComponent(organiser)}/events/${encodeURIComponent(eventId)}/cancel`,
      body: { comment },
      permission: PERMISSIONS.calendars,
    });
    if (answer.status === 404) throw eventNotFound();
    if (answer.status !== 202 && answer.status !== 200 && answer.status !== 204) throw unexpected(answer, 'cancel event');
  }

  private member(userId: string, roles: readonly string[]): Record<string, unknown> {
    return {
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles,
      'user@odata.bind': this.transport.userBinding(userId),
    };
  }
}

function eventBody(event: EventRequest): Record<string, unknown> {
  return {
    subject: event.subject,
    body: { contentType: 'HTML', content: event.bodyHtml },
    start: { dateTime: event.start, timeZone: LONDON_ZONE },
    end: { dateTime: event.end, timeZone: LONDON_ZONE },
    ...(event.venue ? { location: { displayName: event.venue } } : {}),
    attendees: event.attendees.map((address) => ({ emailAddress: { address }, type: 'required' })),
    allowNewTimeProposals: false,
    isOnlineMeeting: event.online,
    ...(event.online ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
    transactionId: event.transactionId,
  };
}

function isNameTaken(answer: GraphAnswer): boolean {
  return errorCodeOf(answer.body) === 'NameAlreadyExists' || /already exist/i.test(errorMessageOf(answer.body));
}

function teamNotFound(): AppError {
  return new AppError('not-found', 'Microsoft Graph cannot find that team. Check that the bot is still installed in it, then try again.');
}

function eventNotFound(): AppError {
  return new AppError('not-found', 'That workshop is no longer in the organiser\'s calendar. Book it again with "workshop book".');
}

/** nextLink is absolute; the client wants the path below the version. */
function relativeToVersion(link: string): string {
  const url = new URL(link);
  return `${url.pathname.replace(/^\/(v1\.0|beta)/, '')}${url.search}`;
}

function clean<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}
