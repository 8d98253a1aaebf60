// Who is asking, for every /tab/api call: the Teams SSO token checked by the server itself (tabToken.ts), then the
// roles table. No token or a bad one: 401 with the reason, and nothing is read. Local mode: the Playground's user.
import type { Caller } from '../../events';
import type { Services } from '../../platform/services';
import { hasRole, type Role } from '../roles';
import { LOCAL_TAB_USER } from './localUser';

export interface Viewer {
  readonly caller: Caller;
  readonly roles: readonly Role[];
  /** True in local mode: nobody signed in, the page says so. */
  readonly local: boolean;
}

export type ViewerOutcome = { readonly ok: true; readonly viewer: Viewer } | { readonly ok: false; readonly status: 401; readonly json: { readonly error: string; readonly message: string } };

export async function viewerOf(authorization: string | undefined, services: Services): Promise<ViewerOutcome> {
  if (!services.tabTokens) {
    return { ok: true, viewer: { caller: LOCAL_TAB_USER, roles: await services.access.rolesOf(LOCAL_TAB_USER), local: true } };
  }
  const outcome = await services.tabTokens.verify(authorization, services.clock.now());
  if (!outcome.ok) return { ok: false, status: 401, json: { error: outcome.reason, message: outcome.message } };
  const caller: Caller = { tenantId: outcome.user.tenantId, aadObjectId: outcome.user.aadObjectId, name: outcome.user.name ?? 'Teams user' };
  return { ok: true, viewer: { caller, roles: await services.access.rolesOf(caller), local: false } };
}

/** Coordinators and facilitators see every area and cohort of their tenant (roles are per tenant, as for `uptake`). */
export function seesWholeProgramme(viewer: Viewer): boolean {
  return hasRole(viewer.roles, 'facilitator');
}
