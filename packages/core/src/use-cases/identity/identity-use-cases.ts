/** The identity use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { AcceptInvitation } from '../iam/invitations.use-case.js';
import { AuthorizeBreakGlassWrite } from './authorize-break-glass-write.use-case.js';
import { BootstrapOrgOwner } from './bootstrap-owner.use-case.js';
import { ChangePassword } from './change-password.use-case.js';
import { ConfirmPasswordReset } from './confirm-password-reset.use-case.js';
import { ConfirmSecondFactorReset } from './confirm-second-factor-reset.use-case.js';
import { DisableTotp } from './disable-totp.use-case.js';
import { EnrollTotp } from './enroll-totp.use-case.js';
import { GetMe } from './get-me.use-case.js';
import { RefreshSession } from './refresh-session.use-case.js';
import { RequestCredentialReset } from './request-credential-reset.use-case.js';
import { ResolveSession } from './resolve-session.use-case.js';
import { SignIn } from './sign-in.use-case.js';
import { SignOut } from './sign-out.use-case.js';
import { StartBreakGlass } from './start-break-glass.use-case.js';
import { SwitchOrg } from './switch-org.use-case.js';
import { VerifyTotp } from './verify-totp.use-case.js';

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
