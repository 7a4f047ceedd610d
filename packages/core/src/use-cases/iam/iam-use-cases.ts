/** The iam use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ChangeUserRole, DeactivateUser, ListUsers, LogoutUser, ResetUserPassword } from './iam.use-case.js';
import { InviteUser, ListInvitations, ResendInvitation, RevokeInvitation } from './invitations.use-case.js';

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
