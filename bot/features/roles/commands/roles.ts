// `roles grant|revoke <person> [role]` and `roles list` (coordinators): who runs the programme in this tenant.
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { isRole, ROLES, type Role } from '../domain/roles';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const grantRoute = {
  name: 'roles grant',
  usage: 'roles grant @person [coordinator|facilitator]',
  description: 'Give someone a role (default coordinator). You can also give their Entra ID object id.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const revokeRoute = {
  name: 'roles revoke',
  usage: 'roles revoke @person [coordinator|facilitator]',
  description: 'Take a role away (default: all roles).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const listRoute = {
  name: 'roles list',
  usage: 'roles list',
  description: 'Show who has which role.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

interface Target {
  readonly aadObjectId: string;
  readonly name?: string;
}

/** Parses `@person [role]` or `<object id> [role]`. The mention's text is in args too, so words naming a role are picked out. */
export function parseRoleArgs(input: Pick<CommandInput, 'args' | 'mentions'>, usage: string): { target: Target; role?: Role } {
  const words = input.args.split(/\s+/).filter((w) => w.length > 0);
  const roleWords = words.filter((w) => isRole(w.toLowerCase()));
  if (roleWords.length > 1) throw validationError(`Give one role at a time. Usage: ${usage}`);
  const role = roleWords[0]?.toLowerCase() as Role | undefined;
  const people = input.mentions.filter((m) => m.aadObjectId);
  const ids = words.filter((w) => guid.safeParse(w).success);
  if (people.length + ids.length !== 1) {
    throw validationError(`Name exactly one person: @mention them, or give their Entra ID object id. Usage: ${usage}`);
  }
  const mentioned = people[0];
  const target: Target = mentioned ? { aadObjectId: mentioned.aadObjectId as string, name: mentioned.name } : { aadObjectId: ids[0] as string };
  return { target, role };
}

export async function grant(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'grant roles');
  const { target, role = 'coordinator' } = parseRoleArgs(input, grantRoute.usage);
  const current = await services.roles.rolesOf(input.caller.tenantId, target.aadObjectId);
  const who = target.name ?? target.aadObjectId;
  if (current.includes(role)) {
    return reply.card(services.cards.render(noticeCard, { title: 'No change', message: `${who} is already a ${role}.` }));
  }
  await services.roles.setRoles(input.caller.tenantId, {
    aadObjectId: target.aadObjectId,
    roles: [...current, role],
    name: target.name,
    grantedBy: input.caller.aadObjectId,
    updated: input.now,
  });
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'roles.grant', target: target.aadObjectId, at: input.now });
  services.logger.info({ event: 'role.granted', role, target: target.aadObjectId, by: input.caller.aadObjectId }, 'role granted');
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Role granted',
      message: `${who} is now a ${role}.`,
      details: [`To undo: roles revoke ${target.name ? `@${target.name}` : target.aadObjectId} ${role}`],
      style: 'good',
    }),
  );
}

export async function revoke(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'revoke roles');
  const { target, role } = parseRoleArgs(input, revokeRoute.usage);
  if (target.aadObjectId.toLowerCase() === input.caller.aadObjectId.toLowerCase() && (role ?? 'coordinator') === 'coordinator') {
    throw validationError('You cannot remove your own coordinator role; ask another coordinator to do it.');
  }
  const current = await services.roles.rolesOf(input.caller.tenantId, target.aadObjectId);
  const remaining = role ? current.filter((r) => r !== role) : [];
  const who = target.name ?? target.aadObjectId;
  if (remaining.length === current.length) {
    const bootstrapped = services.config.COORDINATOR_IDS.some((id) => id.toLowerCase() === target.aadObjectId.toLowerCase());
    return reply.card(
      services.cards.render(noticeCard, {
        title: 'No change',
        message: bootstrapped
          ? `${who} is a coordinator through the COORDINATOR_IDS setting; remove them there.`
          : `${who} has no ${role ?? 'role'} to remove.`,
      }),
    );
  }
  await services.roles.setRoles(input.caller.tenantId, {
    aadObjectId: target.aadObjectId,
    roles: remaining,
    name: target.name,
    grantedBy: input.caller.aadObjectId,
    updated: input.now,
  });
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'roles.revoke', target: target.aadObjectId, at: input.now });
  services.logger.info({ event: 'role.revoked', role: role ?? 'all', target: target.aadObjectId, by: input.caller.aadObjectId }, 'role revoked');
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Role removed',
      message: remaining.length > 0 ? `${who} is now only a ${remaining.join(' and ')}.` : `${who} no longer has a role.`,
      style: 'good',
    }),
  );
}

export async function list(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'list roles');
  const grants = await services.roles.list(input.caller.tenantId);
  const lines = [
    ...services.config.COORDINATOR_IDS.map((id) => `${id}: coordinator (from COORDINATOR_IDS)`),
    ...grants.map((g) => `${g.name ?? g.aadObjectId}: ${g.roles.join(', ')}`),
  ];
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Roles',
      message: lines.length > 0 ? `${lines.length} ${lines.length === 1 ? 'person has' : 'people have'} a role (${ROLES.join(', ')}).` : 'Nobody has a role yet.',
      details: lines,
    }),
  );
}
