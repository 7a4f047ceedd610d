/**
 * Before the split into one file per use case, the session use cases and their shared helpers
 * lived here; other modules still import the helpers from this path. New code imports
 * `session-support.js` (the helpers) or the use case's own file.
 */
export { endSessionsInOtherOrgs, proveCurrentPassword, type ResolvedSession } from './session-support.js';
