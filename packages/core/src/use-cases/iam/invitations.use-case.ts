/**
 * Kept only for importers outside the iam area (the core's index, identity's wiring and
 * bootstrap) until they import the use case files or `./index.js`; the use cases are one file
 * each now.
 */
export * from './invitation-support.js';
export * from './invite-user.use-case.js';
export * from './list-invitations.use-case.js';
export * from './revoke-invitation.use-case.js';
export * from './resend-invitation.use-case.js';
export * from './accept-invitation.use-case.js';
