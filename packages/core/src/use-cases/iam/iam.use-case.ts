/**
 * Kept only for importers outside the iam area (the core's index, identity's bootstrap) until
 * they import the use case files or `./index.js`; the use cases are one file each now.
 */
export * from './iam-support.js';
export * from './list-users.use-case.js';
export * from './reset-user-password.use-case.js';
export * from './change-user-role.use-case.js';
export * from './deactivate-user.use-case.js';
export * from './logout-user.use-case.js';
