import { Type } from '@sinclair/typebox';
import { tenantContextFor, type SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Email, Text } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invitation, Membership, UserAccount } from '../../domain/identity/identity.js';
import { NewPassword } from '../../domain/identity/identity-schemas.js';
import type { Org } from '../../domain/orgs/org.js';
import type { CreateOrg } from '../orgs/create-org.use-case.js';
import { assertHardToGuess, passwordContext, temporaryPassword } from './identity-policy.js';
import type { IamDeps } from '../iam/iam.use-case.js';
import { InviteUser, newManagedAccount, type Delivery } from '../iam/invitations.use-case.js';

/** The org's own fields, passed on to CreateOrg as they are: it checks them. */
const OrgField = (description: string) => Type.Unknown({ description: `${description} (checked by CreateOrg)` });

const contract = defineContract({
  name: 'BootstrapOrgOwner',
  input: Type.Object(
    {
      name: OrgField("The org's name"),
      slug: OrgField("The org's slug"),
      timeZone: Type.Optional(OrgField('IANA time zone, default UTC')),
      currency: Type.Optional(OrgField('ISO 4217 code, default USD')),
      leadAutoArchiveDays: Type.Optional(OrgField('Days after which untouched leads are archived; absent or null: never')),
      id: Type.Optional(OrgField('Use this id instead of a new one')),
      ownerEmail: Email({ description: "The owner's address: an existing account is invited instead" }),
      ownerName: Type.Optional(Text(200, { description: "The owner's name (default: the address's local part)" })),
      ownerPassword: Type.Optional(NewPassword),
    },
    { additionalProperties: false },
  ),
  // The command line and the demo seed show what they need of the answer; no JSON view.
  output: null,
});

export type BootstrapOrgOwnerInput = ContractInput<typeof contract>;

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
 * @throws validation.failed — bad org fields, email, name, or a password too short or easy to guess.
 * @throws org.slug_taken — the slug is in use.
 */
export class BootstrapOrgOwner {
  static readonly contract = contract;

  constructor(private readonly deps: IamDeps & { createOrg: CreateOrg }) {}

  async execute(sys: SystemContext, input: BootstrapOrgOwnerInput): Promise<BootstrapResult> {
    const { ownerEmail: email, ownerName, ownerPassword, ...orgInput } = checkInput(contract, input);
    const name = ownerName ?? null;
    const password = ownerPassword ?? null;
    if (password !== null) {
      assertHardToGuess('/ownerPassword', password, this.deps.strength, passwordContext(email, name, typeof orgInput.name === 'string' ? orgInput.name : null));
    }
    const existing = await this.deps.users.findByEmail(email);
    const { org } = await this.deps.createOrg.execute(sys, orgInput);
    const ctx = tenantContextFor(sys, org.id);
    if (existing !== null) {
      const invited = await new InviteUser(this.deps).execute({ ...ctx, actor: { ...sys.actor, role: 'owner' } }, { email, displayName: name ?? undefined, role: 'owner' });
      const invitation = invited.kind === 'invitation' ? { invitation: invited.invitation, delivery: invited.delivery } : null;
      return { org, owner: null, membership: null, temporaryPassword: null, invitation };
    }
    const temporary = password === null ? temporaryPassword(this.deps.tokens) : null;
    const displayName = name ?? email.split('@')[0]!;
    const owner = newManagedAccount(org.id, this.deps.ids.next(), email, displayName, await this.deps.hasher.hash(password ?? temporary!), sys.now, temporary !== null);
    const membership: Membership = { id: this.deps.ids.next(), orgId: org.id, userId: owner.id, role: 'owner', displayName, deactivatedAt: null, createdAt: sys.now, updatedAt: sys.now };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.insert(owner);
      await repos.memberships.insert(membership);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'iam.owner_bootstrap', resourceType: 'user', resourceId: owner.id, metadata: { account_created: true } }));
    });
    return { org, owner, membership, temporaryPassword: temporary, invitation: null };
  }
}
