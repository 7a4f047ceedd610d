import { tenantContextFor, type SystemContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invitation, Membership, UserAccount } from '../../domain/identity/identity.js';
import type { Org } from '../../domain/orgs/org.js';
import { normaliseEmail } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { CreateOrg, CreateOrgInput } from '../orgs/create-org.use-case.js';
import { checkNewPassword, passwordContext, temporaryPassword } from './identity-policy.js';
import type { IamDeps } from '../iam/iam.use-case.js';
import { InviteUser, newManagedAccount, type Delivery } from '../iam/invitations.use-case.js';

export interface BootstrapResult {
  readonly org: Org;
  /** The new owner's account and membership; null when the address already had an account (see `invitation`). */
  readonly owner: UserAccount | null;
  readonly membership: Membership | null;
  readonly temporaryPassword: string | null;
  /** An existing account is never linked without its holder: it is invited as the owner instead. */
  readonly invitation: { readonly invitation: Invitation; readonly delivery: Delivery } | null;
}

/**
 * A first org and its owner, from the command line or the demo seed: the org (system context),
 * then the owner's account — managed by the new org — and membership. Without a password a
 * temporary one is generated, returned once, and must be changed at first sign-in. An address
 * that already has an account is sent an owner invitation: its holder accepts it (ADR 13).
 * @throws validation.failed — bad org fields, email or password.
 * @throws org.slug_taken — the slug is in use.
 */
export class BootstrapOrgOwner {
  constructor(private readonly deps: IamDeps & { createOrg: CreateOrg }) {}

  async execute(sys: SystemContext, input: CreateOrgInput & { ownerEmail: unknown; ownerName?: unknown; ownerPassword?: unknown }): Promise<BootstrapResult> {
    const checks = new InputChecks();
    const email = normaliseEmail(checks, '/ownerEmail', input.ownerEmail);
    if (email === null || email === undefined) checks.fail('/ownerEmail', 'is required');
    const name = input.ownerName === undefined ? null : checks.text('/ownerName', input.ownerName, { min: 1, max: 200 });
    const password =
      input.ownerPassword === undefined
        ? null
        : checkNewPassword(checks, '/ownerPassword', input.ownerPassword, this.deps.strength, passwordContext(email ?? '', name, typeof input.name === 'string' ? input.name : null));
    checks.throwIfAny();
    const existing = await this.deps.users.findByEmail(email!);
    const { org } = await this.deps.createOrg.execute(sys, input);
    const ctx = tenantContextFor(sys, org.id);
    if (existing !== null) {
      const invited = await new InviteUser(this.deps).execute({ ...ctx, actor: { ...sys.actor, role: 'owner' } }, { email: email!, displayName: name ?? undefined, role: 'owner' });
      const invitation = invited.kind === 'invitation' ? { invitation: invited.invitation, delivery: invited.delivery } : null;
      return { org, owner: null, membership: null, temporaryPassword: null, invitation };
    }
    const temporary = password === null ? temporaryPassword(this.deps.tokens) : null;
    const displayName = name ?? email!.split('@')[0]!;
    const owner = newManagedAccount(org.id, this.deps.ids.next(), email!, displayName, await this.deps.hasher.hash(password ?? temporary!), sys.now, temporary !== null);
    const membership: Membership = { id: this.deps.ids.next(), orgId: org.id, userId: owner.id, role: 'owner', displayName, deactivatedAt: null, createdAt: sys.now, updatedAt: sys.now };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.insert(owner);
      await repos.memberships.insert(membership);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'iam.owner_bootstrap', resourceType: 'user', resourceId: owner.id, metadata: { account_created: true } }));
    });
    return { org, owner, membership, temporaryPassword: temporary, invitation: null };
  }
}
