import type { Role } from './roles.js';

/**
 * Permission → roles. Every route declares one of these; a test walks the route table against
 * every role, so this table is the single statement of who may do what.
 */
export const PERMISSIONS = {
  'profile.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  'leads.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  'leads.manage': ['owner', 'admin', 'dispatcher'],
  'clients.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  'clients.manage': ['owner', 'admin', 'dispatcher'],
  'org.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  'org.manage': ['owner', 'admin'],
  'audit.view': ['owner', 'admin'],
  'ops.view': ['owner', 'admin'],
  /** Staff accounts of the org: invite, reset, role, deactivate, end sessions. */
  'iam.manage': ['owner', 'admin'],
  /** Turning off another member's second factor (lost device). */
  'mfa.reset': ['owner'],
  /** Write permits while the admin API is read-only. */
  'breakglass.start': ['owner', 'admin'],
  /** The redacted configuration snapshot. */
  'config.view': ['owner', 'admin'],
  'flags.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  /** Invoices and their payments (amounts visible to all; client PII masked for viewers by the personal-data policy). */
  'invoices.view': ['owner', 'admin', 'finance', 'dispatcher', 'viewer'],
  /** Creating, editing, issuing, voiding invoices; recording and refunding payments; checkout links; deposits. */
  'invoices.manage': ['owner', 'admin', 'finance'],
  'finance.view': ['owner', 'admin', 'finance'],
  'finance.reconcile': ['owner', 'admin', 'finance'],
  'schedule.view': ['owner', 'admin', 'dispatcher', 'viewer'],
  'schedule.manage': ['owner', 'admin', 'dispatcher'],
  'data.export': ['owner', 'admin'],
  /** The dead-letter queue: outbox events delivery gave up on, with a summary of their payload. */
  'outbox.view': ['owner', 'admin'],
  /** Replaying a dead outbox event (it is delivered again). */
  'outbox.manage': ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null, permission: Permission): boolean {
  if (role === null) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
