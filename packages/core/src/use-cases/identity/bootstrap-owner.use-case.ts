import { tenantContextFor, type SystemContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Membership, UserAccount } from '../../domain/identity/identity.js';
import type { Org } from '../../domain/orgs/org.js';
import { normaliseEmail } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { CreateOrg, CreateOrgInput } from '../orgs/create-org.use-case.js';
import { checkNewPassword, temporaryPassword } from './identity-policy.js';
import type { IamDeps } from '../iam/iam.use-case.js';

/**
 * A first org and its owner, from the command line or the demo seed: the org (system context),
 * then the owner's account and membership. Without a password a temporary one is generated,
 * returned once, and must be changed at first sign-in. An existing account becomes the owner.
 * @throws validation.failed — bad org fields, email or password.
 * @throws org.slug_taken — the slug is in use.
 */
export class BootstrapOrgOwner {
  constructor(private readonly deps: IamDeps & { createOrg: CreateOrg }) {}

  async execute(
    sys: SystemContext,
    input: CreateOrgInput & { ownerEmail: unknown; ownerName?: unknown; ownerPassword?: unknown },
  ): Promise<{ org: Org; owner: UserAccount; membership: Membership; temporaryPassword: string | null }> {
    const checks = new InputChecks();
    const email = normaliseEmail(checks, '/ownerEmail', input.ownerEmail);
    if (email === null || email === undefined) checks.fail('/ownerEmail', 'is required');
    const password = input.ownerPassword === undefined ? null : checkNewPassword(checks, '/ownerPassword', input.ownerPassword, email ?? '');
    const name = input.ownerName === undefined ? null : checks.text('/ownerName', input.ownerName, { max: 200 });
    checks.throwIfAny();
    const existing = await this.deps.users.findByEmail(email!);
    const { org } = await this.deps.createOrg.execute(sys, input);
    const ctx = tenantContextFor(sys, org.id);
    const temporary = existing === null && password === null ? temporaryPassword(this.deps.tokens) : null;
    const owner: UserAccount =
      existing ??
      ({
        id: this.deps.ids.next(),
        email: email!,
        displayName: name ?? email!.split('@')[0]!,
        passwordHash: await this.deps.hasher.hash(password ?? temporary!),
        mustChangePassword: temporary !== null,
        passwordChangedAt: sys.now,
        totpSecretSealed: null,
        totpPendingSecretSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        createdAt: sys.now,
        updatedAt: sys.now,
      } satisfies UserAccount);
    const membership: Membership = { id: this.deps.ids.next(), orgId: org.id, userId: owner.id, role: 'owner', deactivatedAt: null, createdAt: sys.now, updatedAt: sys.now };
    await this.deps.uow.run(ctx, async (repos) => {
      if (existing === null) await repos.users.insert(owner);
      await repos.memberships.insert(membership);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'iam.owner_bootstrap', resourceType: 'user', resourceId: owner.id, metadata: { existing_account: existing !== null } }),
      );
    });
    return { org, owner, membership, temporaryPassword: temporary };
  }
}
