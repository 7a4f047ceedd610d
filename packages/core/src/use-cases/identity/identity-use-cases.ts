/** The identity use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { AcceptInvitation } from '../iam/invitations.use-case.js';
import { ConfirmPasswordReset, ConfirmSecondFactorReset, RequestCredentialReset } from './account-recovery.use-case.js';
import { BootstrapOrgOwner } from './bootstrap-owner.use-case.js';
import { AuthorizeBreakGlassWrite, StartBreakGlass } from './break-glass.use-case.js';
import { DisableTotp, EnrollTotp, VerifyTotp } from './mfa.use-case.js';
import { RefreshSession } from './refresh-session.use-case.js';
import { ChangePassword, GetMe, ResolveSession, SignOut, SwitchOrg } from './session-actions.use-case.js';
import { SignIn } from './sign-in.use-case.js';

export function identityUseCases({ credentials, options, createOrg }: CoreServices) {
  return {
    signIn: new SignIn(credentials),
    refresh: new RefreshSession(credentials),
    resolveSession: new ResolveSession(credentials),
    me: new GetMe(credentials),
    signOut: new SignOut(credentials),
    switchOrg: new SwitchOrg(credentials),
    changePassword: new ChangePassword(credentials),
    enrollTotp: new EnrollTotp(credentials),
    verifyTotp: new VerifyTotp(credentials),
    disableTotp: new DisableTotp(credentials),
    requestCredentialReset: new RequestCredentialReset(credentials),
    confirmPasswordReset: new ConfirmPasswordReset(credentials),
    confirmSecondFactorReset: new ConfirmSecondFactorReset(credentials),
    acceptInvitation: new AcceptInvitation(credentials),
    startBreakGlass: new StartBreakGlass(credentials),
    authorizeBreakGlassWrite: new AuthorizeBreakGlassWrite(credentials),
    bootstrapOwner: new BootstrapOrgOwner({ ...credentials, createOrg }),
    options,
  };
}
