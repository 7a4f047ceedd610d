/**
 * The iam contracts' shared words: a staff role as use cases take it, and a member, an
 * invitation and an emailed invitation's delivery as they answer them (JSON, camelCase).
 */
import { Type } from '@sinclair/typebox';
import { InstantView, Nullable, OneOf } from '../../contracts/schema-vocabulary.js';
import { ROLES } from '../../access/roles.js';

export const StaffRole = OneOf(ROLES, { description: 'owner, admin, finance, dispatcher or viewer' });

/** A member of the org: the account as this org sees it, and the membership (its name for them, their role here). */
export const MemberView = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: "The member's account id" }),
    email: Type.String(),
    displayName: Type.String({ description: "This org's name for the member" }),
    role: OneOf(ROLES),
    mfaEnabled: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
    credentialsManagedHere: Type.Boolean({
      description: 'Whether this org may reset the password and second factor (an account it created, not linked by another org); otherwise only the holder can',
    }),
    deactivatedAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Member' },
);

/** A member just added: a new account (with its temporary password, shown this once) or a former member reactivated. */
export const AddedMemberView = Type.Object(
  {
    ...MemberView.properties,
    temporaryPassword: Nullable(Type.String({ description: 'Shown in this answer only; null when a former member was reactivated (their password is unchanged)' })),
    reactivated: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'AddedMember' },
);

/** An invitation as the inviting org sees it: what the org typed, and its status now. */
export const InvitationStatusView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ description: 'As the org typed it' }),
    displayName: Type.String(),
    role: OneOf(ROLES),
    status: OneOf(['pending', 'accepted', 'revoked', 'expired']),
    invitedBy: Type.String({ description: 'The actor id of who invited' }),
    expiresAt: InstantView(),
    acceptedAt: Nullable(InstantView()),
    revokedAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Invitation' },
);

export const InvitationDelivery = OneOf(['queued', 'no_mail_transport'], {
  description:
    'queued: the mail with the token is in the outbox, written with the invitation (delivered at least once, with retries); ' +
    'no_mail_transport: no email channel (EMAIL_MODE=off): nothing was queued and the invitation stays pending until a channel exists, then resend',
});

/** An invitation whose token was just issued, and whether its mail was queued. */
export const InvitationSentView = Type.Object({ invitation: InvitationStatusView, delivery: InvitationDelivery }, { additionalProperties: false, $id: 'InvitationSent' });
