/** The iam area: each use case (with its contract), what they share, and the schemas their contracts share. */
export * from './iam-support.js';
export * from './list-users.use-case.js';
export * from './reset-user-password.use-case.js';
export * from './change-user-role.use-case.js';
export * from './deactivate-user.use-case.js';
export * from './logout-user.use-case.js';
export * from './invitation-support.js';
export * from './invite-user.use-case.js';
export * from './list-invitations.use-case.js';
export * from './revoke-invitation.use-case.js';
export * from './resend-invitation.use-case.js';
export * from './accept-invitation.use-case.js';
export * from './iam-use-cases.js';
export * from '../../domain/iam/iam-schemas.js';
