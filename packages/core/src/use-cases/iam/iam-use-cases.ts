/** The iam use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ChangeUserRole } from './change-user-role.use-case.js';
import { DeactivateUser } from './deactivate-user.use-case.js';
import { InviteUser } from './invite-user.use-case.js';
import { ListInvitations } from './list-invitations.use-case.js';
import { ListUsers } from './list-users.use-case.js';
import { LogoutUser } from './logout-user.use-case.js';
import { ResendInvitation } from './resend-invitation.use-case.js';
import { ResetUserPassword } from './reset-user-password.use-case.js';
import { RevokeInvitation } from './revoke-invitation.use-case.js';

export function iamUseCases({ credentials }: CoreServices) {
  return {
    listUsers: new ListUsers(credentials),
    inviteUser: new InviteUser(credentials),
    listInvitations: new ListInvitations(credentials),
    revokeInvitation: new RevokeInvitation(credentials),
    resendInvitation: new ResendInvitation(credentials),
    resetPassword: new ResetUserPassword(credentials),
    changeRole: new ChangeUserRole(credentials),
    deactivate: new DeactivateUser(credentials),
    logoutUser: new LogoutUser(credentials),
  };
}
