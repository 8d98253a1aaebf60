// The programme's roles, by name: routes say which one may see them in help, the roles feature grants and checks them.

export const ROLES = ['coordinator', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
