/** Staff roles, one per membership (identity issue); legacy Basic Auth pairs map onto them. */
export const ROLES = ['owner', 'admin', 'finance', 'dispatcher', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
