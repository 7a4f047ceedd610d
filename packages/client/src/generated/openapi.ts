/**
 * GENERATED FILE: do not edit. The types of @cws/client, from the OpenAPI document the HTTP host
 * serves at /openapi.json (hosts/http/src/routing/openapi-document.ts, built from the route
 * declarations), by openapi-typescript.
 * Regenerate after changing a route: npm run client:generate
 * CI runs npm run client:check, which fails while this file is stale.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description Answers 200 while the process can serve requests; checks nothing else (no database), so an orchestrator restarts only a stuck process.
         */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: database, migrations at head, job heartbeat (503 when any fails)
         * @description checks[] reports each check (db with a 2 s timeout, migrations current against the build, the jobs heartbeat when JOBS_ENABLED or JOB_HEARTBEAT_REQUIRED) with its time; the legacy top-level keys stay for older probes. Never cached.
         */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (Authorization: Bearer METRICS_TOKEN when one is set)
         * @description Request counts and durations by route template and status, 5xx counts, job outcomes and Node process metrics, in the Prometheus text format. 404 when metrics are disabled; 401 without the bearer token when METRICS_TOKEN is set.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API as an OpenAPI 3.1 document
         * @description Generated from the route declarations and the use cases’ contracts (named components, error answers, examples); the typed client is generated from it.
         */
        get: operations["openApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readable API reference (Redoc)
         * @description An HTML page that renders /openapi.json with Redoc, served by this host (no third-party origin), with a list of the problem types. It carries its own Content-Security-Policy: scripts from this origin and the inline init script by a per-response nonce; never cached.
         */
        get: operations["docsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/assets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A static file of the docs page (the Redoc bundle)
         * @description Files the /docs page loads, served from the installed packages. Each name carries the version of its content, so an answer may be cached for a year; any other name answers 404.
         */
        get: operations["docsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems/{area}/{reason}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a problem type means (the target of every problem `type`)
         * @description The code, HTTP status and title of a problem type; an unknown type answers 404.
         */
        get: operations["problemType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password (and a one-time code when the account has TOTP)
         * @description A user in several orgs sends org_id (409 auth.org_required lists them otherwise). Unknown emails and wrong passwords get the same 401. At most 10 failures per account and per address in 15 minutes, then 429 with Retry-After.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens (the old refresh token stops working)
         * @description Presenting an already exchanged refresh token ends the whole session: someone else holds a copy. With ADMIN_MFA_REQUIRED, an owner or admin session without a proven second factor needs a one-time code to refresh.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session (its access and refresh tokens stop working at once)
         * @description Ends the session of the access token sent; signing out of a session that has already ended answers the same. The body, if any, must be an empty object.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user, their role here, and the orgs they can switch to
         * @description Answers for the session of the access token sent: 401 auth.session_revoked once it has ended.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/switch-org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tokens for a new session in another of your orgs
         * @description A second factor proven in this session counts in the new one. 403 auth.forbidden when you are not an active member of that org.
         */
        post: operations["switchOrg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password (required after a temporary one); your other sessions end
         * @description Answers with a new access token for this session: the old one still says a change is due. A wrong current password is a 422 on current_password and counts as a failed sign-in (10 per 15 minutes). The new password must have 12 to 256 characters, be hard to guess and differ from the current one.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/2fa/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start TOTP enrolment (with your current password): a base32 secret and an otpauth:// URI for the authenticator app
         * @description Step-up: the current password is required, so a stolen access token alone cannot enrol a second factor and lock you out. A wrong password counts as a failed sign-in (10 per 15 minutes). 409 identity.mfa_already_enabled when TOTP is on.
         */
        post: operations["enrollTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/2fa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm enrolment with a code: TOTP is on, this session counts as verified (a new access token says so), other sessions end
         * @description The access token used for this call stops working: it says the session has no second factor. Use the one in the answer. A wrong or replayed code is a 422 on code; 409 identity.mfa_not_enrolled without a pending enrolment.
         */
        post: operations["verifyTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/2fa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn off a member's TOTP (OWNER only, e.g. a lost device): secret and recovery codes cleared, their sessions end
         * @description Only for an account this org manages (created by its invite and not linked by another org). For any other account it is 409 iam.self_managed_account: its holder resets the second factor (a recovery code, or POST /v1/auth/2fa/reset/request).
         */
        post: operations["disableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an org's invitation with the token emailed to your address
         * @description For an account you manage yourself, send your password (and second factor when on): nothing about the account changes but the new membership. For an account an organisation created, send new_password: the password it set is replaced, any second factor it could know is cleared, every session of the account ends, and from then on only you manage its credentials. Then sign in with the org_id answered. The token works once: an unknown, expired, revoked or used token is 401 auth.token_invalid; a missing or wrong second factor is 401 auth.mfa_required. At most 30 token redemptions per client address an hour.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a password reset link to an address (the same answer whether or not it has an account)
         * @description At most 5 requests per address and 20 per client address an hour. Mail leaves as EMAIL_MODE says (off: nothing is sent).
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the emailed token (the second factor is still asked for when on); every session of the account ends
         * @description The new password must have 12 to 256 characters and be hard to guess (422 on new_password otherwise). The token works once, within its validity; at most 30 redemptions per client address an hour.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/2fa/reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a link that clears the second factor (lost device and recovery codes); the same answer whether or not the address has an account
         * @description At most 5 requests per address and 20 per client address an hour. Mail leaves as EMAIL_MODE says (off: nothing is sent).
         */
        post: operations["requestSecondFactorReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/2fa/reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clear the second factor with the emailed token and your password; every session of the account ends (enrol again after signing in)
         * @description A wrong password is a 422 on password and counts as a failed sign-in (10 per 15 minutes). The token works once, within its validity.
         */
        post: operations["confirmSecondFactorReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who you are: user, role and the org you act in
         * @description The caller as the server sees them: user id, username, role in the org the request acts in, how they authenticated (token or basic) and whether a second factor was proven in this session.
         */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/org/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Settings of your org (time zone, currency, lead auto-archive, locale, notifications)
         * @description The time zone every per-day view is computed in, the currency of money amounts, after how many idle days leads are archived (null: never), the locale messages format dates in, and which notifications are on (every one by default).
         */
        get: operations["getOrgSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change settings of your org (lead_auto_archive_days: null turns auto-archive off)
         * @description Absent settings keep their value; at least one is required. time_zone must be an IANA zone (stored under its canonical name, e.g. europe/london → Europe/London); currency an ISO 4217 code (stored upper-case); lead_auto_archive_days 1 to 3650 or null; locale a BCP 47 tag (stored canonical, e.g. EN-gb → en-GB). notifications turns the named ones on (true) or off (false), e.g. {"booking_reminder": false} (invoice_reminder: the overdue reminders); those left out keep their setting. dunning_days: the days after an invoice’s due date an overdue reminder goes, 1 to 10 distinct whole days from 1 to 365 (default [3, 7, 14]; stored ascending). Audited as org.settings_update.
         */
        patch: operations["updateOrgSettings"];
        trace?: never;
    };
    "/v1/admin/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log of your org, newest first
         * @description Every change made in your org, with before and after snapshots. Filters (exact matches; blank means none): resource_type, resource_id, action, actor_id; created_from (inclusive) and created_to (exclusive, after created_from). Cursor pagination.
         */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of your org with role and status, oldest first
         * @description The whole staff list in one page (an org has tens of members, not thousands), deactivated members included; next_cursor is always null.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add a member: a new address gets an account and a temporary password (shown in this response only); an existing account gets an emailed invitation
         * @description An ADMIN cannot add an OWNER (403 iam.owner_only); an active member of this org cannot be added again (409 storage.conflict). 201: a new account this org manages, with temporary_password; or a deactivated member reactivated (temporary_password null, reactivated true). 202: the address already has an account, so nothing is linked: an invitation is queued for mail to it (delivery queued; no_mail_transport without an email channel) and its holder accepts (POST /v1/auth/invitations/accept). The 202 says nothing of that account (not its name, second factor or other orgs); that an account exists is the one thing it reveals, because only a new account can be given a temporary password.
         */
        post: operations["inviteUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The org's invitations to existing accounts, newest first, with their status
         * @description The whole list in one page; next_cursor is always null. Status is pending, accepted, revoked or expired (a token is valid 7 days from when it was emailed).
         */
        get: operations["listInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/invitations/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a fresh token for an open invitation (the old one stops working), valid 7 days again
         * @description Only an open invitation can be resent: an accepted or revoked one answers 409 iam.invitation_closed (invite again instead). Only an OWNER resends an invitation to become OWNER. The mail with the new token is queued in the outbox with it (delivery queued), or not at all without an email channel (delivery no_mail_transport; EMAIL_MODE=off). No request body.
         */
        post: operations["resendInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/invitations/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw an invitation that was not accepted: its token stops working (idempotent)
         * @description Revoking a revoked invitation answers it unchanged. An accepted invitation answers 409 iam.invitation_closed: deactivate the member instead. Only an OWNER revokes an invitation to become OWNER. No body.
         */
        post: operations["revokeInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new temporary password (shown once) and end the member's sessions
         * @description Only for an account this org manages (credentials_managed_here): any other account — one that belongs to another org too, or joined by accepting an invitation — is 409 iam.self_managed_account, and its holder resets it (POST /v1/auth/password-reset/request). An ADMIN cannot reset an OWNER (403 iam.owner_only). EMAIL_TEMP_PASSWORDS decides whether the notification email carries the password. No body.
         */
        post: operations["resetUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a member's role (their sessions end; tokens carry the role)
         * @description Only an OWNER may grant OWNER or change an OWNER (403 iam.owner_only); the last OWNER cannot be demoted (409 iam.last_owner). The same role again changes nothing and ends no session.
         */
        patch: operations["changeUserRole"];
        trace?: never;
    };
    "/v1/iam/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a member: no more sign-ins to this org, sessions end (idempotent)
         * @description Deactivating a deactivated member answers it unchanged. The last active OWNER cannot be deactivated (409 iam.last_owner); an ADMIN cannot deactivate an OWNER (403 iam.owner_only). Inviting the address again reactivates the member. No body.
         */
        post: operations["deactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/iam/users/{id}/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of a member in this org (a suspected credential leak)
         * @description The member's sessions in other orgs live on. An ADMIN cannot sign out an OWNER (403 iam.owner_only). No body.
         */
        post: operations["logoutUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/break-glass/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A one-time token permitting admin writes in this org while ADMIN_READ_ONLY is on
         * @description Send the token as X-Break-Glass-Token on each write until it expires. The reason is recorded with the start and with every write made under it. TTL is 1 to 60 minutes; BREAK_GLASS_MAX_TTL_MINUTES may lower that limit (a longer TTL is a 422 on ttl_minutes). Only the token hash is stored: keep the token safe and never log it.
         */
        post: operations["startBreakGlass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Operational settings by environment variable name; secrets shown as <redacted>
         * @description A snapshot of the running configuration for operators, keyed by environment variable name. Only whitelisted keys appear; a secret reads <redacted> when set and null when not. Calls no use case.
         */
        get: operations["getConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/feature-flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The runtime feature flags
         * @description The feature flags in force (deposits, export mode, strict policy) and the admin safety switches (read-only mode, MFA requirement, legacy Basic Auth). Set by environment variables at start; calls no use case.
         */
        get: operations["getFeatureFlags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List leads, newest first
         * @description Filters: status (repeatable), created_from (inclusive), created_to (exclusive), q (at least 3 characters: name, email or phone digits; names only for viewers), archived. Cursor pagination.
         */
        get: operations["listLeads"];
        put?: never;
        /**
         * Record a lead
         * @description A lead needs a name and at least one of email and phone. Status is `new` unless given.
         */
        post: operations["createLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one lead
         * @description Another org’s lead answers 404 like a missing one. Viewers see email, phone and free text masked.
         */
        get: operations["getLead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change fields of a lead (null clears a field)
         * @description Absent fields keep their value. The lead must stay reachable (an email or a phone). Archived and converted leads are frozen (409).
         */
        patch: operations["updateLead"];
        trace?: never;
    };
    "/v1/admin/leads/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a lead (idempotent)
         * @description Hidden from default lists and frozen against edits. Archiving an archived lead answers it unchanged. The body is optional.
         */
        post: operations["archiveLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/leads/{id}/convert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Convert a lead into a client (or link it to an existing client)
         * @description 201 when a client was created, 200 when the lead was linked to client_id. A converted lead answers 409 lead.already_converted naming its client. The body is optional.
         */
        post: operations["convertLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clients with their addresses, newest first
         * @description Filters: created_from (inclusive), created_to (exclusive), q (at least 3 characters: name, email or phone digits; names only for viewers), archived (default exclude). Cursor pagination. Viewers see email, phone, street lines and free text masked.
         */
        get: operations["listClients"];
        put?: never;
        /**
         * Create a client with its addresses
         * @description A client needs a name; email, phone, notes and addresses are optional. At most 20 addresses and at most one marked is_primary; when none is, the first is primary. The answer lists the primary address first.
         */
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one client with its addresses
         * @description Another org’s client answers 404 like a missing one. Viewers see email, phone, street lines and free text masked.
         */
        get: operations["getClient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a client’s own fields (null clears a field)
         * @description Absent fields keep their value; addresses have their own routes. Archived clients are frozen (409 client.archived).
         */
        patch: operations["updateClient"];
        trace?: never;
    };
    "/v1/admin/clients/{id}/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add an address to a client
         * @description The client’s first address is primary whatever it says; a later one becomes primary with is_primary: true (the old primary is unmarked). 422 when the client already has 20 addresses; 409 client.archived for an archived client.
         */
        post: operations["addClientAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/clients/{id}/addresses/{addressId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove an address (the oldest remaining one becomes primary)
         * @description 409 client.address_in_use while a booking still points at the address.
         */
        delete: operations["removeClientAddress"];
        options?: never;
        head?: never;
        /**
         * Change an address (is_primary: true makes it the primary one)
         * @description Absent fields keep their value, null clears an optional one. The primary address cannot be unmarked (422): mark another one primary instead. 404 client.address_not_found for an address of another client.
         */
        patch: operations["updateClientAddress"];
        trace?: never;
    };
    "/v1/admin/jobs/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Job runners (heartbeat age) and, per job, this org’s last success and last error code
         * @description healthy is true while at least one runner (job host or standalone process) has a heartbeat younger than heartbeat_ttl_seconds. Jobs run over every org; the jobs list holds only this org’s own outcomes, and a failure shows as its error code, never its message.
         */
        get: operations["getJobsStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/outbox/dead-letter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Outbox events delivery gave up on (dead), newest first
         * @description Mail, text messages, webhooks and exports whose last delivery attempt failed for good (after OUTBOX_MAX_ATTEMPTS, or a refusal no retry can fix). Filter by kind; page with limit (1–200, default 50) and offset (0–100000); total counts every match. Each item summarises its payload — template and recipient of a message, host and event type of a webhook — and never shows a token, a message body or a webhook body. Replay one with POST /v1/admin/outbox/{id}/replay.
         */
        get: operations["listOutboxDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/outbox/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a dead outbox event for delivery again
         * @description The event becomes pending, due now, with its attempts reset to 0; the outbox-delivery job sends it on its next pass, so the answer is 202 with the event as queued. Written to the audit log (outbox.replay, with the status and attempts before and after, and the optional reason). 409 outbox.not_dead when the event is not dead — pending, being delivered, sent, or replayed a moment ago by someone else; 404 for an id this org does not have.
         */
        post: operations["replayOutboxEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/queue/dlq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dead-letter queue: dead outbox and export counts, and a page of either
         * @description outbox_dead_count and export_dead_count count the org’s dead events whatever the filter (the pre-deploy check of the operations guide expects both 0). kind=outbox lists dead mail, text messages and webhooks; kind=export dead exports; kind=all (default) both, newest first. limit (1–200, default 50) and offset (0–100000) page in the database; total counts the filtered events.
         */
        get: operations["getDeadLetterQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/finance/reconcile/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invoices whose stored paid or status disagree with their payments (status=all: every issued invoice)
         * @description status=mismatch (default) lists issued invoices whose stored paid_cents differs from what their succeeded payments settle (settled_cents: amounts less refunds, tips excluded), or whose status is not the one that sum gives on the org’s calendar (PAID, PARTIAL, SENT, or OVERDUE once past due); status=all lists every issued invoice. Each row has payment counts, the last payment time, outstanding_cents by the payments, mismatch, and quick_action: the POST that repairs it. Newest first; limit (1–200, default 50) and offset (0–100000) with total. Finance roles only; only the caller’s org.
         */
        get: operations["getInvoiceReconcileReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/finance/invoices/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recompute an invoice’s paid amount and status from its succeeded payments
         * @description Locks the invoice row, recomputes paid from its succeeded manual and Stripe payments and sets PAID, PARTIAL, SENT or OVERDUE from that sum; never creates or changes a payment (with none the invoice reopens). Idempotent: a repeat answers changed=false and changes nothing. Every call is audited (invoice.reconciled, with status, paid, outstanding and succeeded payment count before and after, and changed). 409 invoice.invalid_transition for a draft or void invoice; 404 for an id this org does not have.
         */
        post: operations["reconcileInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/queue/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The invoices queue: unpaid and overdue invoices, oldest due first
         * @description overdue_count and unpaid_count count the org’s invoices whatever the filter. status=overdue lists issued invoices with money left to pay whose due date has passed on the org’s calendar; unpaid those with money left to pay; all (default) the same as unpaid (every overdue invoice is unpaid). Oldest due date first; each row has the number, the client’s name, the due date, days_overdue, outstanding_cents and status. limit (1–200, default 50) and offset (0–100000) page in the database; total counts the filtered invoices. Finance roles only.
         */
        get: operations["getInvoiceQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Teams of your org, by name
         * @description Every team, active or not, in one page; next_cursor is always null.
         */
        get: operations["listTeams"];
        put?: never;
        /**
         * Create a team
         * @description A new team is active. Workers join it by their team_id; a booking given to a team occupies its active members.
         */
        post: operations["createTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a team or (de)activate it
         * @description Fields not sent keep their value. An inactive team cannot be given new bookings (409 team.inactive there); its existing bookings stay.
         */
        patch: operations["updateTeam"];
        trace?: never;
    };
    "/v1/admin/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Workers of your org, by name (viewers see phone and email masked)
         * @description All matching workers in one page (filter by team_id and active); next_cursor is always null. A portal password hash is never shown: has_portal_password says whether one is set.
         */
        get: operations["listWorkers"];
        put?: never;
        /**
         * Add a worker (phone and email, unique in the org, are their portal logins)
         * @description Active, no skills, no team and always available unless given. Skills are lower-cased tags; working_hours lists spans per weekday in the org’s zone (ends after starts, not overlapping). 409 worker.contact_taken when another worker of the org has the phone or email; 404 team.not_found for a team not in the org.
         */
        post: operations["createWorker"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/workers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one worker
         * @description Another org’s worker answers 404 like a missing one. Viewers see phone and email masked.
         */
        get: operations["getWorker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a worker (active: false ends their portal sessions; their bookings stay)
         * @description Fields not sent keep their value; null clears phone, email, team_id or working_hours. 409 worker.contact_taken when the phone or email is another worker’s.
         */
        patch: operations["updateWorker"];
        trace?: never;
    };
    "/v1/admin/workers/{id}/portal-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a worker’s portal password (or a generated one, shown once); ends their portal sessions
         * @description The body is optional: without a password one is generated and answered once as temporary_password. Either way the password is temporary: staff know it, so at sign-in the worker gets must_change_password: true and only me, change-password and logout answer until they choose their own. A chosen password follows the staff password rule (422 otherwise).
         */
        post: operations["setWorkerPortalPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Services your org sells, with default duration and price
         * @description All matching services in one page (filter by active), by name; next_cursor is always null.
         */
        get: operations["listServices"];
        put?: never;
        /**
         * Add a service
         * @description A name, the default duration of its bookings (15 to 1440 minutes) and its price in minor units of the org’s currency. Active unless said otherwise.
         */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a service (existing bookings keep their price estimate)
         * @description Fields not sent keep their value. An inactive service cannot be used by new bookings.
         */
        patch: operations["updateService"];
        trace?: never;
    };
    "/v1/admin/blackouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Blackouts overlapping [start, end) (at most 366 days), by start
         * @description The org’s, its teams’ and its workers’ blackouts, in one page; next_cursor is always null. Viewers see the reason withheld.
         */
        get: operations["listBlackouts"];
        put?: never;
        /**
         * Block a time range for the org, a team or a worker (holiday, training, leave)
         * @description scope org (the default) names no one; team needs team_id, worker needs worker_id. end is after start and at most 366 days later. Bookings are refused in it (409 booking.blacked_out); existing bookings are not touched.
         */
        post: operations["createBlackout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/blackouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a blackout
         * @description Bookings may then be made in its time again. A removed or unknown blackout answers 404 blackout.not_found.
         */
        delete: operations["deleteBlackout"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Bookings overlapping [start, end) (at most 366 days), by start, filtered, paged; without start and end: today and the next 6 days in the org’s zone
         * @description Without start and end the window is today in the org’s time zone and the 6 days after (local midnights, so a DST day keeps its length); with only one, the other is 7 days away. The answer echoes the window it listed (`window`, `time_zone`): send it back with the cursor to page through a fixed window across midnight. Filters: status (comma-separated or repeated), worker (named or through their team), team, client, series, unassigned. Viewers see notes and cancellation reasons masked.
         */
        get: operations["listBookings"];
        put?: never;
        /**
         * Book a visit (send Idempotency-Key to make retries safe)
         * @description With an `Idempotency-Key` header (1-255 visible ASCII characters, kept 48 hours), a retry with the same body returns the booking the first call made, with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency.key_reused. `end` defaults to start + the service’s duration (without a service it is required), the price estimate to the service’s price, the address to the client’s primary one. The end must be after the start and at most 24 hours later.
         */
        post: operations["createBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one booking
         * @description Another org’s booking answers 404 like a missing one. Viewers see notes and the cancellation reason masked.
         */
        get: operations["getBooking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change notes (always), or service, address and price estimate (while pending or confirmed)
         * @description Absent fields keep their value; null clears. A started or finished booking answers 409 booking.not_plannable for anything but notes. A series occurrence given another service, address or price is detached from its series.
         */
        patch: operations["updateBooking"];
        trace?: never;
    };
    "/v1/admin/bookings/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add workers (and set a team, which brings its active members)
         * @description Name a team or at least one worker (422 otherwise). Newly added people must be active and free then (409 booking.slot_unavailable, booking.blacked_out). A series occurrence is detached from its series.
         */
        post: operations["assignBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/unassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take workers (and the team, when team_id names it) off the booking
         * @description Name a team or at least one worker (422 otherwise). A named worker taken off who is a member of the booked team stays on through the team. A series occurrence is detached from its series.
         */
        post: operations["unassignBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set exactly the team and workers given (none: unassigned)
         * @description An empty body leaves the booking with nobody on it. Newly added people must be active and free then (409 booking.slot_unavailable, booking.blacked_out). A series occurrence is detached from its series.
         */
        post: operations["reassignBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a booking (without end it keeps its length); an occurrence moved alone leaves its series
         * @description The end must be after the start and at most 24 hours later. Only pending and confirmed bookings move (409 booking.not_plannable); the new time must be free for its people (409 booking.slot_unavailable, booking.blacked_out).
         */
        post: operations["rescheduleBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a booking along pending → confirmed → in_progress → completed (or cancelled / no_show)
         * @description Cancelling needs a reason (422 without one) and frees the time; an impossible move is 409 booking.invalid_transition naming the allowed ones.
         */
        post: operations["changeBookingStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a booking with a reason (frees its workers’ and team’s time)
         * @description Only a pending or confirmed booking can be cancelled: others answer 409 booking.invalid_transition naming the allowed moves.
         */
        post: operations["cancelBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every audited change to a booking, newest first (at most 200)
         * @description Entries as in /v1/admin/audit-logs, with before and after in the booking’s snake_case; viewers see notes and reasons masked. next_cursor is always null.
         */
        get: operations["getBookingHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/booking-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a recurring booking and its occurrences up to horizon_days ahead (default 56)
         * @description rule: {freq: weekly, interval, weekdays} or {freq: monthly, interval, month_day | nth_weekday: {n, weekday}}; ends after `count` occurrences, on `until`, or never (not both: 422). `time` is read in the org’s time zone. Occurrences before today are not made. duration_minutes defaults to the service’s (422 when neither is given). An occurrence whose people are booked, blacked out or inactive is made without them and listed in `unassigned`; unknown or archived clients, addresses, services, teams and workers answer 404 or 409.
         */
        post: operations["createBookingSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/booking-series/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A series and its occurrences from today on
         * @description Occurrences from today in the series’ zone on, cancelled and skipped ones included. Another org’s series answers 404 like a missing one. Viewers see notes masked.
         */
        get: operations["getBookingSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/booking-series/{id}/update-from": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "This and following": from from_date the series continues as a new series with the changes
         * @description The old series ends the day before; its occurrences from then on that were not edited on their own are cancelled and made afresh under the new one (`series`), edited ones stay as they are. Fields left out keep their value; null clears address, service, team, workers, notes or price. A series keeps its client. 409 series.ended when the series has no occurrence left from from_date.
         */
        post: operations["updateBookingSeriesFrom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/booking-series/{id}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip one occurrence (cancelled with reason "skipped"; never made again)
         * @description A date not made yet is recorded as a cancelled occurrence, so the nightly generation never makes it. 422 when the date is not one of the rule’s; 409 series.ended after the series ended, booking.invalid_transition when the occurrence already started or finished.
         */
        post: operations["skipBookingSeriesOccurrence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/booking-series/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a series from from_date, cancelling its occurrences from then on that have not started
         * @description Occurrences before today stay as they were; started or finished ones are left alone; moved ones are cancelled too. A from_date before the start ends the series at its start. 409 series.ended when it already ended by then.
         */
        post: operations["cancelBookingSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/schedule/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What blocks [start, end) (at most 7 days): bookings, blackouts, worker clashes, each with its reason
         * @description team_id and worker_id name who would take it; booking_id ignores that booking (the one being moved) and, alone, checks its own people. Ids of another org are 404; an empty or over-long window is 422. Outside working hours is a warning (blocking: false).
         */
        get: operations["checkScheduleConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/schedule/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The best teams and workers free for [start, end) (at most 7 days), with the reasons and how many qualified
         * @description skill_tags (comma-separated or repeated, at most 20) keeps workers with at least one of the tags and ranks by how many they have; then within working hours, then least booked that day. Workers whose team is booked or blacked out are left out; booking_id ignores that booking (404 when it is not the org’s). limit (default 20, at most 100) caps each list; total counts every team and worker that qualified. Workers, teams and the org’s time zone may be up to a few seconds old when changed through another server process; the day’s bookings and blackouts are always current. An empty or over-long window is 422.
         */
        get: operations["suggestScheduleAssignees"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/schedule/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The day/week board: bookings (not cancelled) of up to 14 days, per worker, and the unassigned ones; without start and end: today and the next 6 days in the org’s zone
         * @description Each booking carries its client’s name, the address (as the client’s addresses show it, masked for viewers) and its local start and end with the offset. Without start and end the window is today in the org’s time zone and the 6 days after; with only one, the other is 7 days away. `window` echoes the window shown. A range holding more than 5,000 bookings is 422: ask for a shorter one.
         */
        get: operations["getScheduleBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/queue/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Unassigned pending or confirmed bookings in the next `days` (default 7, at most 30), soonest first
         * @description Bookings with no team and no worker that start from now on, soonest first; urgent: starts within 24 hours. Cursor pagination.
         */
        get: operations["listAssignmentQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/{id}.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an invoice as the client sees it (PDF)
         * @description An A4 PDF with the org’s name, the invoice number (DRAFT for a draft), issue and due dates, the client, the lines, the stored tax snapshot (subtotal, taxable subtotal, tax, effective rate, total), paid, outstanding and credit, and the payment state (PAID, PARTIAL, OVERDUE, DUE). Answered as an attachment named after the number; never cached. Viewers get the client’s email and street lines masked. Another org’s invoice answers 404 like a missing one.
         */
        get: operations["getInvoicePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invoices, newest first
         * @description Filters: status (repeat for several), client_id, issued_from / issued_to (local dates, inclusive; drafts have no issue date and are left out). Cursor pagination (limit 1-200, default 50). Viewers see the client’s email masked and notes withheld.
         */
        get: operations["listInvoices"];
        put?: never;
        /**
         * Create a draft invoice for a client (send Idempotency-Key to make retries safe)
         * @description Each line: description, quantity (a number with at most 3 decimal places; more precision is 422, never rounded), unit_price_cents (minor units of the org’s currency: cents, yen, fils), tax_rate_basis (0-10000 basis points). Each line is rounded half up to the minor unit and its tax likewise; the invoice’s figures are the sums of its lines (subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents = subtotal + tax; tax_rate_basis the effective rate). A total above 90 000 000 000 000 minor units is 422. booking_ids bills completed bookings of the client (each on one live invoice at most: 409 invoice.booking_not_invoiceable; another currency: 409 invoice.currency_mismatch); a booking no line names gets a line of its own (its service and agreed price, tax 0). Deposits those bookings took are applied. In the org’s currency; no number until issued. With an Idempotency-Key, a retry with the same body answers the first invoice with Idempotent-Replayed: true.
         */
        post: operations["createInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch invoicing: a draft per client for the completed, uninvoiced bookings of a period
         * @description from and to are local days in the org’s zone (inclusive, at most 92 days). Every completed booking starting in the period that is on no live invoice is billed, one draft per client. Running it again finds nothing more to bill (created is empty); a booking billed meanwhile by another call counts as skipped.
         */
        post: operations["createInvoicesFromBookings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/{invoiceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one invoice with its lines and stored figures
         * @description The figures are the snapshot stored when the lines were last set; they never follow later changes of the org’s settings. Another org’s invoice answers 404. Viewers see the client’s email masked and notes withheld.
         */
        get: operations["getInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a draft: replace its lines, notes or payment terms (recalculates the figures)
         * @description Each line: description, quantity (a number with at most 3 decimal places; more precision is 422, never rounded), unit_price_cents (minor units of the org’s currency: cents, yen, fils), tax_rate_basis (0-10000 basis points). Each line is rounded half up to the minor unit and its tax likewise; the invoice’s figures are the sums of its lines (subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents = subtotal + tax; tax_rate_basis the effective rate). A total above 90 000 000 000 000 minor units is 422. lines replaces every line; absent fields keep their value. Only a DRAFT can be edited (409 invoice.not_draft).
         */
        patch: operations["updateDraftInvoice"];
        trace?: never;
    };
    "/v1/admin/invoices/{invoiceId}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue (send) a draft: number, dates, public link mailed to the client
         * @description DRAFT → SENT with the next number of the org for the year (INV-2026-000123; concurrent issues get consecutive numbers, none skipped), issue_date today in the org’s zone, due_date issue + payment terms. The invoice_sent mail with a public link is queued in the outbox (delivery queued; no_mail_transport without an email channel; no_address when the client has no email). Money already applied (deposits) settles it: PARTIAL or PAID; a total of 0 is PAID at once. Issuing twice is 409 invoice.invalid_transition. No request body.
         */
        post: operations["issueInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/{invoiceId}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an invoice that holds no payment (a reason is required)
         * @description From DRAFT, SENT or OVERDUE, with no succeeded payment on it (refund first: 409 invoice.invalid_transition). Its bookings are released (they can be invoiced again), deposits applied from them go back to the bookings, and its public links stop working. VOID is final.
         */
        post: operations["voidInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/{invoiceId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice’s payments (balance, tips, applied deposits; any status), oldest first
         * @description The whole list in one answer (next_cursor is always null). Another org’s invoice answers 404 like a missing one. No processor data is shown.
         */
        get: operations["listInvoicePayments"];
        put?: never;
        /**
         * Record a manual payment (cash, cheque, bank transfer, other), with an optional tip (send Idempotency-Key to make retries safe)
         * @description On an issued invoice (SENT, PARTIAL, OVERDUE or PAID); a DRAFT or VOID one answers 409 invoice.invalid_transition. The invoice’s paid amount and status are recomputed from its payments in the same transaction: PARTIAL, then PAID once they cover the total. Paying more than is outstanding (or paying a PAID invoice) is kept as the client’s credit (credit_cents; GET /v1/admin/clients/{client_id}/credit). tip_cents is recorded as a separate payment with purpose tip and never counts toward the balance. received_at defaults to now and may not be more than a minute ahead. With an Idempotency-Key (1-255 visible ASCII characters, kept 48 hours) a retry with the same body returns the first payment with Idempotent-Replayed: true; the same key with another body is 422 idempotency.key_reused. The client is mailed a receipt.
         */
        post: operations["recordInvoicePayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payments/{paymentId}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund part or all of a payment (default: all that is still refundable)
         * @description amount_cents must not exceed what is still refundable (409 payment.not_refundable; also for a failed, pending or fully refunded payment, and for the loser of two refunds racing for the same money). A manual payment’s refund is recorded; a card payment is refunded at the processor first and recorded only once it confirms: a refusal (409 payment.declined) records nothing; a timeout or outage (503 payment.unavailable) leaves the amount in refund_pending_cents (still counted as paid, not refundable again) and the same refund, with amount_cents equal to that pending amount, is safe to retry: the processor answers the same refund and it is applied once (its charge.refunded webhook also settles it). While a refund is pending, a refund of another amount is 409 payment.not_refundable. A partial refund keeps the payment succeeded; once refunds reach its amount it is refunded. The invoice’s paid amount and status follow (a PAID invoice reopens as PARTIAL, SENT or OVERDUE).
         */
        post: operations["refundPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/invoices/{invoiceId}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a card checkout for what is outstanding on an issued invoice
         * @description Answers the processor’s checkout_url to send the payer to. Nothing changes on the invoice until the processor reports the payment (webhook). A retry for the same outstanding amount returns the same session. The payer returns to STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL, else to the invoice under PUBLIC_BASE_URL.
         */
        post: operations["createInvoiceCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/clients/{clientId}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client’s credit: what was paid beyond their invoices’ totals, per currency
         * @description Overpayments are never lost: each invoice paid beyond its total holds the difference as credit. Empty credits when there is none. Another org’s client answers 404.
         */
        get: operations["getClientCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{bookingId}/deposit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a deposit taken by hand on a booking (DEPOSITS_ENABLED)
         * @description On a pending or confirmed booking before it starts (409 booking.not_plannable otherwise). amount_cents defaults to what the service’s deposit rule still asks of the booking’s price (409 deposit.not_applicable when it asks none). The deposit is on no invoice yet; creating the booking’s invoice applies it. 409 deposit.disabled while DEPOSITS_ENABLED is off.
         */
        post: operations["recordBookingDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/bookings/{bookingId}/deposit/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a card checkout for a booking’s deposit (DEPOSITS_ENABLED)
         * @description The amount is the service’s rule (a percent of the booking’s price, half up, or a fixed amount capped at it) less deposits already taken. Nothing changes until the processor reports the payment. 409 deposit.disabled, deposit.not_applicable or booking.not_plannable.
         */
        post: operations["createDepositCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Intake form: ask for a quote (the org is chosen by org_slug)
         * @description No authentication. The answer only acknowledges receipt: an unknown org_slug gets the same 201 (nothing is stored), so the answer does not tell which orgs exist. At most 30 submissions per client address an hour.
         */
        post: operations["submitPublicLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/invoices/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The invoice a mailed link shows, without sign-in
         * @description No authentication: the token from the invoice_sent mail is the credential. Shows the number, the org’s name, the lines, the stored figures, what is paid and outstanding, the status and the due date — never the client’s email or phone. A malformed, tampered, unknown or revoked token, a void invoice and an unknown org all answer the same 404 invoice.link_invalid. At most 30 invalid links per client address an hour (429).
         */
        get: operations["getPublicInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/invoices/{token}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay an invoice from its public link: open a card checkout for what is outstanding
         * @description No sign-in: the token of the public invoice link is checked exactly as the invoice page checks it; a malformed, unknown, revoked or void-invoice token answers 404 invoice.link_invalid whatever was wrong, and spends the same per-address budget of invalid links as the page (429 after 30 an hour). Answers the processor’s checkout_url; nothing changes until the processor reports the payment.
         */
        post: operations["createPublicInvoiceCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/sms/twilio/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio's inbound message webhook: STOP and START replies
         * @description Set as the Messaging webhook (HTTP POST) of the sending number. A reply of STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT puts the number on the opt-out list (no texts are queued for it, whichever org); START, YES or UNSTOP takes it off; anything else is ignored. The X-Twilio-Signature must sign PUBLIC_BASE_URL plus this path (the URL set in the console) and the posted fields: otherwise 403. Answers an empty TwiML document. 503 when this deployment receives no texts (SMS_MODE is not twilio).
         */
        post: operations["receiveTwilioSms"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Worker sign-in with phone or email and portal password; answers a 12-hour bearer token
         * @description org is the organisation’s slug (without it: DEFAULT_ORG_ID, or the only org). Unknown logins, wrong passwords, inactive workers and unknown orgs all answer 401 auth.invalid_credentials. must_change_password: true when staff set the password; change it (POST /v1/worker/portal/change-password) before anything else. Failed sign-ins are limited per login and per address (429 with Retry-After).
         */
        post: operations["workerPortalLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose your own portal password (required after one set by staff); answers a new token
         * @description The current password and a new one (the staff password rule). Every earlier portal token of yours stops working; use the token in this answer. A wrong current password is 422 and counts like a failed sign-in (10 in 15 minutes, then 429).
         */
        post: operations["workerPortalChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out of the portal (every portal session of yours ends: tokens are not kept one by one)
         * @description Open while the password is temporary too. The token used here, and every other portal token of yours, stops working; sign in again for a new one. No body is read.
         */
        post: operations["workerPortalLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in worker
         * @description Open while the password is temporary too (must_change_password says so).
         */
        get: operations["workerPortalMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your jobs: today’s (the org’s local day) or upcoming (from now, `days` ahead, default 14), by start
         * @description Cancelled and no-show jobs are left out. Everything in one page: next_cursor is always null.
         */
        get: operations["workerPortalJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your jobs (another worker’s is 404)
         * @description When, where, for whom and what you may do with it now (allowed_actions, can_start_from). Another worker’s job, a cancelled one and an unknown one all answer 404.
         */
        get: operations["workerPortalJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/jobs/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a confirmed job (→ in_progress), from WORKER_JOB_START_WINDOW_MINUTES (default 120) before its start
         * @description Stamps started_at. A job not confirmed, or already started, answers 409 booking.invalid_transition; too early, 409 booking.too_early_to_start saying when it can be started.
         */
        post: operations["workerPortalStartJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/portal/jobs/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a started job (→ completed)
         * @description Stamps completed_at. A job not started answers 409 booking.invalid_transition listing what you may do.
         */
        post: operations["workerPortalCompleteJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/stripe/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's webhook: payments succeeded, failed and refunded
         * @description Set as the endpoint of a Stripe webhook (its signing secret is STRIPE_WEBHOOK_SECRET). The Stripe-Signature header must sign the body exactly as sent, within 300 s of now: otherwise 400 payment.webhook_invalid and nothing is written. The org is the one the event's metadata names (org_id); events naming no org of ours are acknowledged and ignored. Each event is stored once by id (metadata only, never the payload) and applied once: checkout.session.completed and payment_intent.succeeded record the card payment and settle the invoice (a receipt is mailed), payment_intent.payment_failed and invoice.payment_failed record the failure and mail one dunning notice per invoice, charge.refunded raises the refunded amount (a PAID invoice reopens). Order does not matter: a late event never undoes a newer state. Answers 200 {received: true} also for duplicates and ignored types; 413 over 1 MB; 503 when no payment processor is configured, or when Stripe could not be asked for a stale event's current state (Stripe retries).
         */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/finance/reconcile/stripe-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The org's Stripe webhook events, newest first (metadata only)
         * @description Finance roles (owner, admin, finance). The Stripe events stored for the caller's org, newest first by event time, then arrival. Filter by invoice_id, booking_id and status (received, processed, ignored, failed); page with limit (1–200, default 50) and offset (0–100000); total counts every match. Each item has event_id, type, created_at, org_id, invoice_id, booking_id, processed_status and last_error; raw webhook payloads are never stored, so never shown.
         */
        get: operations["listStripeEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description URI of the problem type; documented at that address */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description The path of the request */
            instance: string;
            /**
             * @description Stable machine-readable code
             * @enum {string}
             */
            code: "auth.admin_read_only" | "auth.break_glass_not_yours" | "auth.forbidden" | "auth.invalid_credentials" | "auth.ip_not_allowed" | "auth.mfa_required" | "auth.org_required" | "auth.org_unresolved" | "auth.password_change_required" | "auth.session_revoked" | "auth.token_invalid" | "auth.unauthenticated" | "blackout.not_found" | "booking.blacked_out" | "booking.invalid_transition" | "booking.not_found" | "booking.not_plannable" | "booking.slot_unavailable" | "booking.too_early_to_start" | "client.address_in_use" | "client.address_not_found" | "client.archived" | "client.not_found" | "delivery.no_channel" | "delivery.rejected" | "delivery.unavailable" | "deposit.disabled" | "deposit.not_applicable" | "document.unavailable" | "iam.invitation_closed" | "iam.invitation_not_found" | "iam.last_owner" | "iam.owner_only" | "iam.self_managed_account" | "idempotency.key_reused" | "identity.mfa_already_enabled" | "identity.mfa_not_enrolled" | "identity.totp_unreadable" | "identity.user_not_found" | "internal.unexpected" | "invoice.booking_not_invoiceable" | "invoice.currency_mismatch" | "invoice.invalid_transition" | "invoice.link_invalid" | "invoice.not_draft" | "invoice.not_found" | "invoice.nothing_outstanding" | "job.unknown" | "lead.already_converted" | "lead.archived" | "lead.not_found" | "metrics.unauthorized" | "org.not_found" | "org.slug_taken" | "outbox.event_not_found" | "outbox.not_dead" | "payment.declined" | "payment.not_configured" | "payment.not_found" | "payment.not_refundable" | "payment.unavailable" | "payment.webhook_invalid" | "request.headers_too_large" | "request.malformed" | "request.rate_limited" | "request.timeout" | "request.too_large" | "request.unparseable" | "request.unsupported_media_type" | "route.method_not_allowed" | "route.not_found" | "route.not_implemented" | "search.busy" | "search.too_broad" | "series.ended" | "series.not_found" | "service.migrations_pending" | "service.not_found" | "storage.conflict" | "storage.unavailable" | "storage.value_refused" | "team.inactive" | "team.not_found" | "tenant.cross_org_write" | "validation.failed" | "worker.contact_taken" | "worker.inactive" | "worker.not_found";
            request_id: string;
            errors?: {
                /** @description JSON pointer to the field (RFC 6901); for a header, / and its name (/Idempotency-Key) */
                pointer: string;
                detail: string;
                /** @enum {string} */
                in: "body" | "query" | "path" | "header";
            }[];
        };
        LivenessResponse: {
            /** @constant */
            status: "ok";
        };
        Readiness: {
            ok: boolean;
            checks: {
                /** @enum {string} */
                name: "db" | "migrations" | "jobs" | "delivery";
                ok: boolean;
                ms: number;
                detail: {
                    [key: string]: unknown;
                };
            }[];
            /** @enum {string} */
            status: "ready" | "unhealthy";
            database: {
                [key: string]: unknown;
            };
            jobs: {
                [key: string]: unknown;
            };
            db_connected: boolean;
            migrations_current: boolean;
            /** @description The newest applied migration, or null */
            current_revision: unknown;
            /** @description The migration this build expects, or null */
            expected_revision: unknown;
        };
        OpenApiDocument: {
            /** @constant */
            openapi: "3.1.0";
        } & {
            [key: string]: unknown;
        };
        ProblemType: {
            type: string;
            code: string;
            status: number;
            title: string;
        };
        LoginRequest: {
            /** @description The email address of the account */
            email: string;
            /** @description As chosen (never trimmed) */
            password: string;
            /**
             * Format: uuid
             * @description Which org to sign in to: required when the account belongs to several
             */
            org_id?: string;
            /** @description The six-digit code from the authenticator app */
            totp_code?: string;
            /** @description One of the recovery codes shown at enrolment (single use) */
            recovery_code?: string;
        };
        SessionTokens: {
            /** @description Send as Authorization: Bearer <access_token> */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds the access token lives (AUTH_ACCESS_TOKEN_TTL_MINUTES) */
            expires_in: number;
            /** Format: date-time */
            expires_at: string;
            /** @description Single use: exchange it at POST /v1/auth/refresh; using it twice ends the session */
            refresh_token: string;
            /** Format: date-time */
            refresh_expires_at: string;
            /** Format: uuid */
            session_id: string;
            /**
             * Format: date-time
             * @description The session ends then, whatever the refreshes
             */
            session_expires_at: string;
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            org_id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            /** @description Whether a second factor was proven in this session */
            mfa_verified: boolean;
            /** @description A temporary password: only POST /v1/auth/change-password is allowed until it is changed */
            must_change_password: boolean;
        };
        RefreshSessionRequest: {
            /** @description The refresh_token of the last answer (single use: using it twice ends the session) */
            refresh_token: string;
            /** @description The six-digit code from the authenticator app */
            totp_code?: string;
            /** @description One of the recovery codes shown at enrolment (single use) */
            recovery_code?: string;
        };
        LogoutRequest: Record<string, never>;
        SignedInUser: {
            user: {
                /** Format: uuid */
                id: string;
                email: string;
                display_name: string;
                mfa_enabled: boolean;
                recovery_codes_left: number;
                must_change_password: boolean;
                /** Format: date-time */
                password_changed_at: string;
            };
            /** Format: uuid */
            org_id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            /** Format: uuid */
            session_id: string;
            /** Format: date-time */
            session_expires_at: string;
            mfa_verified: boolean;
            /** @description Every org the user may switch to (POST /v1/auth/switch-org) */
            orgs: {
                /** Format: uuid */
                org_id: string;
                /** @enum {string} */
                role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            }[];
        };
        SwitchOrgRequest: {
            /**
             * Format: uuid
             * @description One of the orgs GET /v1/auth/me lists
             */
            org_id: string;
        };
        ChangePasswordRequest: {
            /** @description Your current password: a wrong one counts as a failed sign-in */
            current_password: string;
            /** @description 12 to 256 characters, hard to guess (judged with the email and names of the account and the org as context) */
            new_password: string;
        };
        /** @description A new access token for the same session */
        AccessToken: {
            /** @description Send as Authorization: Bearer <access_token> */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds the access token lives (AUTH_ACCESS_TOKEN_TTL_MINUTES) */
            expires_in: number;
            /** Format: date-time */
            expires_at: string;
        };
        EnrollTotpRequest: {
            /** @description Your current password: a wrong one counts as a failed sign-in */
            current_password: string;
        };
        TotpEnrolment: {
            /** @description Base32: type it into the app when the URI cannot be scanned */
            secret: string;
            /** @description otpauth:// URI for the authenticator app (a QR code of it) */
            otpauth_uri: string;
        };
        VerifyTotpRequest: {
            /** @description The six-digit code from the authenticator app */
            code: string;
        };
        TotpEnabled: {
            /** @constant */
            enabled: true;
            /** @description Ten single-use codes, shown this once */
            recovery_codes: string[];
            /** @description Send as Authorization: Bearer <access_token> */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds the access token lives (AUTH_ACCESS_TOKEN_TTL_MINUTES) */
            expires_in: number;
            /** Format: date-time */
            expires_at: string;
        };
        DisableTotpRequest: {
            /**
             * Format: uuid
             * @description The member whose second factor is turned off
             */
            user_id: string;
        };
        AcceptInvitationRequest: {
            /** @description The token from the email, as sent (`<org id>.<secret>`) */
            token: string;
            /** @description Your current password (an account you manage) */
            password?: string;
            /** @description A password of your own, required for an account an organisation created (the one it set may be known to that organisation) */
            new_password?: string;
            /** @description When the account has TOTP: the six-digit code */
            totp_code?: string;
            /** @description Or one of its recovery codes (single use) */
            recovery_code?: string;
        };
        AcceptedInvitation: {
            /**
             * Format: uuid
             * @description Sign in to this org
             */
            org_id: string;
            /** Format: uuid */
            user_id: string;
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            /** @description The account was managed by an org: its password was replaced, its second factor cleared and every session ended */
            credentials_replaced: boolean;
        };
        RequestPasswordResetRequest: {
            /**
             * @description The address of the account
             * @example pat@example.com
             */
            email: string;
        };
        /** @description The same answer whether or not the address has an account */
        CredentialResetReceipt: {
            /** @constant */
            status: "accepted";
            detail: string;
        };
        ConfirmPasswordResetRequest: {
            /** @description The token from the email, as sent */
            token: string;
            /** @description 12 to 256 characters, hard to guess (judged with the email and names of the account and the org as context) */
            new_password: string;
            /** @description The six-digit code from the authenticator app */
            totp_code?: string;
            /** @description One of the recovery codes shown at enrolment (single use) */
            recovery_code?: string;
        };
        RequestSecondFactorResetRequest: {
            /**
             * @description The address of the account
             * @example pat@example.com
             */
            email: string;
        };
        ConfirmSecondFactorResetRequest: {
            /** @description The token from the email, as sent */
            token: string;
            /** @description Your current password: a wrong one counts as a failed sign-in */
            password: string;
        };
        GetProfileResponse: {
            user_id: string;
            username: string;
            role: string;
            /**
             * Format: uuid
             * @description A UUID
             */
            org_id: string;
            auth_method: string;
            mfa_verified: boolean;
        };
        NotificationSettings: {
            booking_confirmed: boolean;
            booking_rescheduled: boolean;
            booking_cancelled: boolean;
            booking_reminder: boolean;
            worker_assignment: boolean;
            security_notice: boolean;
            invoice_reminder: boolean;
        };
        OrgSettings: {
            /** Format: uuid */
            org_id: string;
            /** @description IANA zone */
            time_zone: string;
            /** @description ISO 4217 code */
            currency: string;
            lead_auto_archive_days: number | null;
            /** @description BCP 47 tag the org’s messages format dates in */
            locale: string;
            notifications: components["schemas"]["NotificationSettings"];
            /** @description Days after the due date overdue reminders go, ascending */
            dunning_days: number[];
            /** Format: date-time */
            updated_at: string;
        };
        /** @description At least one setting */
        UpdateOrgSettingsRequest: {
            /**
             * @description IANA zone, e.g. Europe/London
             * @example Europe/London
             */
            time_zone?: string;
            /**
             * @description ISO 4217 code, e.g. USD
             * @example USD
             */
            currency?: string;
            /** @description Leads untouched this many days in status new or contacted are archived nightly; null turns it off */
            lead_auto_archive_days?: number | null;
            /**
             * @description BCP 47 language tag, e.g. en-GB
             * @example en-GB
             */
            locale?: string;
            /** @description At least one notification; those left out keep their setting */
            notifications?: {
                booking_confirmed?: boolean;
                booking_rescheduled?: boolean;
                booking_cancelled?: boolean;
                booking_reminder?: boolean;
                worker_assignment?: boolean;
                security_notice?: boolean;
                invoice_reminder?: boolean;
            };
            /**
             * @description Days after an invoice's due date an overdue reminder goes, each once: 1 to 10 distinct whole days from 1 to 365; stored ascending
             * @example [
             *       3,
             *       7,
             *       14
             *     ]
             */
            dunning_days?: number[];
        };
        AuditEntry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            /** @description staff, client, worker, system or public */
            actor_kind: string;
            actor_id: string;
            admin_role: string | null;
            /** @description <resource>.<verb>, e.g. lead.create */
            action: string;
            resource_type: string;
            resource_id: string | null;
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
            metadata: {
                [key: string]: unknown;
            };
            request_id: string;
            /** Format: date-time */
            created_at: string;
        };
        AuditEntryPage: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        Member: {
            /**
             * Format: uuid
             * @description The member's account id
             */
            id: string;
            email: string;
            /** @description This org's name for the member */
            display_name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            mfa_enabled: boolean;
            must_change_password: boolean;
            /** @description Whether this org may reset the password and second factor (an account it created, not linked by another org); otherwise only the holder can */
            credentials_managed_here: boolean;
            deactivated_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description The whole staff list in one page (there is no next page) */
        MemberPage: {
            items: components["schemas"]["Member"][];
            next_cursor: string | null;
        };
        InviteUserRequest: {
            /** @example pat@example.com */
            email: string;
            /** @description This org's name for the member (default: the email's local part) */
            display_name?: string;
            /**
             * @description owner, admin, finance, dispatcher or viewer
             * @enum {string}
             */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
        };
        AddedMember: {
            /**
             * Format: uuid
             * @description The member's account id
             */
            id: string;
            email: string;
            /** @description This org's name for the member */
            display_name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            mfa_enabled: boolean;
            must_change_password: boolean;
            /** @description Whether this org may reset the password and second factor (an account it created, not linked by another org); otherwise only the holder can */
            credentials_managed_here: boolean;
            deactivated_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            temporary_password: string | null;
            reactivated: boolean;
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            /** @description As the org typed it */
            email: string;
            display_name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /** @description The actor id of who invited */
            invited_by: string;
            /** Format: date-time */
            expires_at: string;
            accepted_at: string | null;
            revoked_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        InvitationSent: {
            invitation: components["schemas"]["Invitation"];
            /**
             * @description queued: the mail with the token is in the outbox, written with the invitation (delivered at least once, with retries); no_mail_transport: no email channel (EMAIL_MODE=off): nothing was queued and the invitation stays pending until a channel exists, then resend
             * @enum {string}
             */
            delivery: "queued" | "no_mail_transport";
        };
        /** @description The whole list in one page (there is no next page) */
        InvitationPage: {
            items: components["schemas"]["Invitation"][];
            next_cursor: string | null;
        };
        TemporaryPassword: {
            /** Format: uuid */
            id: string;
            /** @description Shown in this answer only; must be changed at the next sign-in */
            temporary_password: string;
            /** @constant */
            must_change_password: true;
        };
        ChangeUserRoleRequest: {
            /**
             * @description owner, admin, finance, dispatcher or viewer
             * @enum {string}
             */
            role: "owner" | "admin" | "finance" | "dispatcher" | "viewer";
        };
        SessionsEnded: {
            /** Format: uuid */
            id: string;
            sessions_ended: number;
        };
        StartBreakGlassRequest: {
            /** @description What the incident is and why writes are needed (5 to 500 characters) */
            reason: string;
            /** @description Minutes the token admits writes: 1 to 60, and at most BREAK_GLASS_MAX_TTL_MINUTES when that is lower */
            ttl_minutes: number;
        };
        BreakGlassToken: {
            /** @description Shown once: send it as X-Break-Glass-Token on each write; only its hash is stored */
            token: string;
            /** Format: date-time */
            expires_at: string;
        };
        GetConfigResponse: {
            values: {
                [key: string]: unknown;
            };
        };
        GetFeatureFlagsResponse: {
            deposits_enabled: boolean;
            export_mode: string;
            strict_policy_mode: boolean;
            admin_read_only: boolean;
            admin_mfa_required: boolean;
            legacy_basic_auth_enabled: boolean;
        };
        ServiceAddress: {
            label: string | null;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string | null;
            country: string | null;
            access_notes: string | null;
        };
        Lead: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            name: string;
            email: string | null;
            phone: string | null;
            source: string | null;
            /** @enum {string} */
            status: "new" | "contacted" | "qualified" | "converted" | "lost";
            notes: string | null;
            service_requested: string | null;
            address: components["schemas"]["ServiceAddress"] | null;
            converted_client_id: string | null;
            converted_at: string | null;
            archived_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        LeadPage: {
            items: components["schemas"]["Lead"][];
            next_cursor: string | null;
        };
        ServiceAddressInput: {
            label?: string | null;
            line1: string;
            line2?: string | null;
            city: string;
            region?: string | null;
            postal_code?: string | null;
            country?: string | null;
            access_notes?: string | null;
        };
        CreateLeadRequest: {
            name: string;
            email?: string | null;
            phone?: string | null;
            source?: string | null;
            notes?: string | null;
            service_requested?: string | null;
            address?: components["schemas"]["ServiceAddressInput"] | null;
            /**
             * @description `converted` is reached only by converting the lead
             * @enum {string}
             */
            status?: "new" | "contacted" | "qualified" | "lost";
        };
        /** @description At least one field besides the id */
        UpdateLeadRequest: {
            name?: string;
            email?: string | null;
            phone?: string | null;
            source?: string | null;
            notes?: string | null;
            service_requested?: string | null;
            address?: components["schemas"]["ServiceAddressInput"] | null;
            /**
             * @description `converted` is reached only by converting the lead
             * @enum {string}
             */
            status?: "new" | "contacted" | "qualified" | "lost";
        };
        ArchiveLeadRequest: {
            reason?: string | null;
        };
        ConvertLeadRequest: {
            /**
             * Format: uuid
             * @description Link the lead to this existing client instead of creating one (a returning customer)
             */
            client_id?: string;
        };
        ClientAddress: {
            /** Format: uuid */
            id: string;
            label: string | null;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string | null;
            country: string | null;
            access_notes: string | null;
            is_primary: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Client: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            name: string;
            email: string | null;
            phone: string | null;
            notes: string | null;
            source_lead_id: string | null;
            archived_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description Primary first, then oldest first */
            addresses: components["schemas"]["ClientAddress"][];
        };
        LeadConversion: {
            lead: components["schemas"]["Lead"];
            client: components["schemas"]["Client"];
            client_created: boolean;
        };
        ClientPage: {
            items: components["schemas"]["Client"][];
            next_cursor: string | null;
        };
        ClientAddressInput: {
            label?: string | null;
            line1: string;
            line2?: string | null;
            city: string;
            region?: string | null;
            postal_code?: string | null;
            country?: string | null;
            access_notes?: string | null;
            /** @description Make this the primary address (the others are unmarked) */
            is_primary?: boolean;
        };
        CreateClientRequest: {
            name: string;
            email?: string | null;
            phone?: string | null;
            notes?: string | null;
            /** @description At most 20, at most one marked primary; the first is primary when none is */
            addresses?: components["schemas"]["ClientAddressInput"][];
        };
        /** @description At least one field besides the id */
        UpdateClientRequest: {
            name?: string;
            email?: string | null;
            phone?: string | null;
            notes?: string | null;
        };
        AddClientAddressRequest: {
            label?: string | null;
            line1: string;
            line2?: string | null;
            city: string;
            region?: string | null;
            postal_code?: string | null;
            country?: string | null;
            access_notes?: string | null;
            /** @description Make this the primary address (the others are unmarked) */
            is_primary?: boolean;
        };
        /** @description At least one field besides the ids */
        UpdateClientAddressRequest: {
            label?: string | null;
            line1?: string;
            line2?: string | null;
            city?: string;
            region?: string | null;
            postal_code?: string | null;
            country?: string | null;
            access_notes?: string | null;
            /** @description true makes this the primary address; the primary cannot be unmarked (mark another one instead) */
            is_primary?: boolean;
        };
        JobsStatus: {
            /** @description At least one runner has a fresh heartbeat */
            healthy: boolean;
            heartbeat_ttl_seconds: number;
            runners: {
                runner_id: string;
                /** @description The process kind: jobs (job host) or standalone */
                name: string;
                hostname: string;
                pid: number;
                version: string;
                /** Format: date-time */
                started_at: string;
                /** Format: date-time */
                last_heartbeat: string;
                /** @description Seconds since the last heartbeat, to a tenth */
                age_seconds: number;
                /** @description The last heartbeat is older than heartbeat_ttl_seconds */
                stale: boolean;
            }[];
            /** @description This org’s own outcome of each job that has run for it; other orgs’ runs never show */
            jobs: {
                name: string;
                /** Format: date-time */
                last_run_at: string;
                last_success_at: string | null;
                last_error_at: string | null;
                last_error_code: string | null;
                success_count: number;
                error_count: number;
            }[];
        };
        DeadLetter: {
            /** Format: uuid */
            id: string;
            /**
             * @description outbox: mail, text messages and webhooks; export: exports
             * @enum {string}
             */
            queue: "outbox" | "export";
            /**
             * @description What the event delivers
             * @enum {string}
             */
            kind: "email" | "sms" | "webhook" | "export";
            /** @description <subject>:<id>:<what>, unique per org */
            dedupe_key: string;
            /**
             * @description dead after the last attempt failed or the provider refused it; pending once replayed
             * @enum {string}
             */
            status: "pending" | "sending" | "sent" | "dead";
            /** @description Delivery attempts started since the event was queued (0 after a replay) */
            attempts: number;
            last_error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When a pending event is next due
             */
            next_attempt_at: string;
            /** @description What the event carries, without its content: never a token, a message body or a webhook body */
            payload_summary: {
                template: string | null;
                recipient: string | null;
                url_host: string | null;
                event_type: string | null;
                export_id: string | null;
            };
        };
        DeadLetterPage: {
            items: components["schemas"]["DeadLetter"][];
            /** @description Events that match the filter, on every page */
            total: number;
            limit: number;
            offset: number;
        };
        ReplayOutboxEventRequest: {
            reason?: string | null;
        };
        DeadLetterQueue: {
            /** @description Dead mail, text message and webhook events of the org, whatever the filter */
            outbox_dead_count: number;
            /** @description Dead export events of the org, whatever the filter */
            export_dead_count: number;
            items: components["schemas"]["DeadLetter"][];
            /** @description Events that match the filter, on every page */
            total: number;
            limit: number;
            offset: number;
        };
        InvoiceReconcileRow: {
            /** Format: uuid */
            invoice_id: string;
            number: string | null;
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            /** @description ISO 4217; amounts are minor units of it */
            currency: string;
            due_date: string | null;
            /** @description The invoice total (its snapshot) */
            total_cents: number;
            /** @description Paid as stored on the invoice */
            paid_cents: number;
            /** @description What its succeeded balance and deposit payments settle now (amount less refunds; tips excluded) */
            settled_cents: number;
            /** @description Left to pay by its payments (total less settled, never negative; 0 when void): what a reconcile stores */
            outstanding_cents: number;
            /** @description Payments of any status */
            payment_count: number;
            /** @description Succeeded (or later refunded) payments */
            succeeded_payment_count: number;
            last_payment_at: string | null;
            /** @description The stored paid or status disagrees with the payments */
            mismatch: boolean;
            quick_action: {
                /** @constant */
                method: "POST";
                /** @description The reconcile action of this invoice */
                href: string;
            };
        };
        InvoiceReconcileReport: {
            items: components["schemas"]["InvoiceReconcileRow"][];
            /** @description Rows that match the filter, on every page */
            total: number;
            limit: number;
            offset: number;
        };
        ReconcileInvoiceRequest: Record<string, never>;
        InvoiceBooks: {
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            paid_cents: number;
            outstanding_cents: number;
            /** @description Succeeded (or later refunded) payments */
            succeeded_count: number;
        };
        InvoiceReconciliation: {
            /** Format: uuid */
            invoice_id: string;
            /** @description Whether the stored paid or status changed (false: the books already agreed) */
            changed: boolean;
            before: components["schemas"]["InvoiceBooks"];
            after: components["schemas"]["InvoiceBooks"];
        };
        InvoiceQueueItem: {
            /** Format: uuid */
            invoice_id: string;
            number: string | null;
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            /** Format: uuid */
            client_id: string;
            client_name: string | null;
            /** @description ISO 4217; amounts are minor units of it */
            currency: string;
            total_cents: number;
            outstanding_cents: number;
            issue_date: string | null;
            due_date: string | null;
            /** @description Whole days past the due date on the org’s calendar (0 when not yet due) */
            days_overdue: number;
        };
        InvoiceQueue: {
            /** @description Overdue invoices of the org, whatever the filter */
            overdue_count: number;
            /** @description Unpaid invoices of the org (overdue ones included), whatever the filter */
            unpaid_count: number;
            items: components["schemas"]["InvoiceQueueItem"][];
            /** @description Rows that match the filter, on every page */
            total: number;
            limit: number;
            offset: number;
        };
        Team: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            name: string;
            active: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        TeamList: {
            items: components["schemas"]["Team"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        CreateTeamRequest: {
            name: string;
        };
        /** @description At least one field besides the id */
        UpdateTeamRequest: {
            name?: string;
            /** @description false: the team cannot be given new bookings; its existing bookings stay */
            active?: boolean;
        };
        /** @description Spans per weekday in the org’s zone, each day’s in order; a weekday not listed is a day off */
        WorkingHours: {
            mon?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            tue?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            wed?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            thu?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            fri?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            sat?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
            sun?: {
                /** @description HH:MM */
                start: string;
                /** @description HH:MM (24:00 for the end of the day) */
                end: string;
            }[];
        };
        Worker: {
            /** Format: uuid */
            id: string;
            name: string;
            phone: string | null;
            email: string | null;
            skills: string[];
            team_id: string | null;
            working_hours: components["schemas"]["WorkingHours"] | null;
            /** Format: uuid */
            org_id: string;
            active: boolean;
            has_portal_password: boolean;
            /** @description The portal password was set by staff and the worker has not chosen their own yet */
            must_change_portal_password: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WorkerList: {
            items: components["schemas"]["Worker"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        /** @description Spans per weekday (mon … sun) in the org’s zone; a weekday not listed is a day off. null: always available. */
        WorkingHoursInput: {
            /** @description At most 4 spans, ends after starts, not overlapping */
            mon?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            tue?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            wed?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            thu?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            fri?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            sat?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
            /** @description At most 4 spans, ends after starts, not overlapping */
            sun?: {
                /** @example 09:00 */
                start: string;
                /**
                 * @description HH:MM; 24:00 for the end of the day
                 * @example 17:00
                 */
                end: string;
            }[];
        };
        CreateWorkerRequest: {
            name: string;
            phone?: string | null;
            email?: string | null;
            /** @description Tags such as deep-clean, windows, pets-ok (lower-cased, at most 30) */
            skills?: string[];
            /** @description false: no new bookings, portal sessions end; existing bookings stay */
            active?: boolean;
            team_id?: string | null;
            working_hours?: components["schemas"]["WorkingHoursInput"] | null;
        };
        /** @description At least one field besides the id */
        UpdateWorkerRequest: {
            name?: string;
            phone?: string | null;
            email?: string | null;
            /** @description Tags such as deep-clean, windows, pets-ok (lower-cased, at most 30) */
            skills?: string[];
            /** @description false: no new bookings, portal sessions end; existing bookings stay */
            active?: boolean;
            team_id?: string | null;
            working_hours?: components["schemas"]["WorkingHoursInput"] | null;
        };
        SetWorkerPortalPasswordRequest: {
            /** @description Omit (or null) for a generated one, shown once. Either way the worker must change it at first sign-in */
            password?: string | null;
        };
        WorkerPortalPassword: {
            worker: components["schemas"]["Worker"];
            temporary_password: string | null;
        };
        Service: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            name: string;
            duration_minutes: number;
            /** @description Minor units of the org’s currency */
            price_minor: number;
            deposit_percent_basis: number | null;
            deposit_cents: number | null;
            active: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        ServiceList: {
            items: components["schemas"]["Service"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        CreateServiceRequest: {
            name: string;
            /** @description The default length of a booking of it, in minutes (15 to 1440) */
            duration_minutes: number;
            /** @description Minor units of the org’s currency (cents) */
            price_minor: number;
            deposit_percent_basis?: number | null;
            deposit_cents?: number | null;
            /** @description Default true */
            active?: boolean;
        };
        /** @description At least one field besides the id */
        UpdateServiceRequest: {
            name?: string;
            /** @description The default length of a booking of it, in minutes (15 to 1440) */
            duration_minutes?: number;
            /** @description Minor units of the org’s currency (cents) */
            price_minor?: number;
            deposit_percent_basis?: number | null;
            deposit_cents?: number | null;
            /** @description false: new bookings cannot use it */
            active?: boolean;
        };
        Blackout: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            /** @enum {string} */
            scope: "org" | "team" | "worker";
            team_id: string | null;
            worker_id: string | null;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            /** @description Withheld for viewers */
            reason: string;
            /** Format: date-time */
            created_at: string;
        };
        BlackoutList: {
            items: components["schemas"]["Blackout"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        CreateBlackoutRequest: {
            /**
             * @description Default org
             * @enum {string}
             */
            scope?: "org" | "team" | "worker";
            team_id?: string | null;
            worker_id?: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 date-time from 1970-01-01T00:00:00Z to 9999-12-31T00:00:00Z
             * @example 2026-03-02T09:00:00Z
             */
            start: string;
            /**
             * Format: date-time
             * @description After start, at most 366 days later (RFC 3339 date-time)
             * @example 2026-03-02T09:00:00Z
             */
            end: string;
            /** @description Why (holiday, training, leave); withheld from viewers */
            reason: string;
        };
        BookingWorker: {
            /** Format: uuid */
            worker_id: string;
            /** @description On the booking because their team is */
            via_team: boolean;
        };
        Booking: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            /** Format: uuid */
            client_id: string;
            address_id: string | null;
            service_id: string | null;
            series_id: string | null;
            occurrence_date: string | null;
            /** @description An occurrence edited on its own: changes to its series leave it alone */
            detached: boolean;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            /** @description IANA zone the booking is shown in: the org’s when it was made (a series’ own) */
            time_zone: string;
            /**
             * Format: date-time
             * @description starts_at on the booking’s wall clock, with its offset (2026-03-09T09:00:00-04:00)
             */
            local_starts_at: string;
            /**
             * Format: date-time
             * @description ends_at on the booking’s wall clock, with its offset
             */
            local_ends_at: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
            team_id: string | null;
            /** @description Ordered by worker id */
            workers: components["schemas"]["BookingWorker"][];
            notes: string | null;
            price_estimate_minor: number | null;
            currency: string;
            cancellation_reason: string | null;
            started_at: string | null;
            completed_at: string | null;
            cancelled_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        BookingPage: {
            items: components["schemas"]["Booking"][];
            next_cursor: string | null;
            /** @description The window listed: the one asked for, or the default. Send it back with the cursor to page through the same window */
            window: {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
            };
            /** @description The org’s zone, in which the default window is reckoned */
            time_zone: string;
        };
        CreateBookingRequest: {
            /** Format: uuid */
            client_id: string;
            /** @description Default: the client’s primary address; null: none */
            address_id?: string | null;
            /** @description Gives the default end (its duration) and price estimate */
            service_id?: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 date-time from 1970-01-01T00:00:00Z to 9999-12-31T00:00:00Z
             * @example 2026-03-02T09:00:00Z
             */
            start: string;
            /** @description After start, at most 24 hours later. Default: start + the service’s duration */
            end?: string | null;
            /**
             * @description Default pending
             * @enum {string}
             */
            status?: "pending" | "confirmed";
            /** @description The team brings its active members */
            team_id?: string | null;
            worker_ids?: string[] | null;
            notes?: string | null;
            /** @description Default: the service’s price */
            price_estimate_minor?: number | null;
        };
        /** @description At least one field besides the id */
        UpdateBookingRequest: {
            notes?: string | null;
            service_id?: string | null;
            /** @description One of the client’s addresses; null: none */
            address_id?: string | null;
            price_estimate_minor?: number | null;
        };
        AssignBookingRequest: {
            /** @description add: the team to set (replacing any); remove: the team to take off; replace: the team, or none */
            team_id?: string | null;
            worker_ids?: string[] | null;
        };
        UnassignBookingRequest: {
            /** @description add: the team to set (replacing any); remove: the team to take off; replace: the team, or none */
            team_id?: string | null;
            worker_ids?: string[] | null;
        };
        ReassignBookingRequest: {
            /** @description add: the team to set (replacing any); remove: the team to take off; replace: the team, or none */
            team_id?: string | null;
            worker_ids?: string[] | null;
        };
        RescheduleBookingRequest: {
            /**
             * Format: date-time
             * @description RFC 3339 date-time from 1970-01-01T00:00:00Z to 9999-12-31T00:00:00Z
             * @example 2026-03-02T09:00:00Z
             */
            start: string;
            /** @description After start, at most 24 hours later. Default: the booking keeps its length */
            end?: string | null;
        };
        ChangeBookingStatusRequest: {
            /** @enum {string} */
            status: "pending" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
            reason?: string | null;
        };
        CancelBookingRequest: {
            /** @description Why (shown to staff; masked for viewers) */
            reason: string;
        };
        BookingHistoryEntry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            actor_kind: string;
            actor_id: string;
            admin_role: string | null;
            /** @description booking.create, booking.update, booking.assign, booking.unassign, booking.reassign, booking.reschedule, booking.status.<status>, … */
            action: string;
            resource_type: string;
            resource_id: string | null;
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
            metadata: {
                [key: string]: unknown;
            };
            request_id: string;
            /** Format: date-time */
            created_at: string;
        };
        /** @description Newest first, at most 200; next_cursor is always null */
        BookingHistory: {
            items: components["schemas"]["BookingHistoryEntry"][];
            next_cursor: string | null;
        };
        /** @description weekly with weekdays, or monthly with month_day or nth_weekday */
        RecurrenceRuleInput: {
            /** @constant */
            freq: "weekly";
            /** @description Every N weeks (at most 52); default 1 */
            interval?: number;
            /** @description The weekdays of each week it falls on */
            weekdays: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
        } | {
            /** @constant */
            freq: "monthly";
            /** @description Every N months (at most 12); default 1 */
            interval?: number;
            /** @description The day of the month (clamped to the month’s last); either this or nth_weekday */
            month_day?: number;
            /** @description The nth (or last) weekday of the month; either this or month_day */
            nth_weekday?: {
                /** @description 1st to 4th, or -1 for the last */
                n: 1 | 2 | 3 | 4 | -1;
                /**
                 * @description mon … sun
                 * @enum {string}
                 */
                weekday: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
            };
        };
        CreateBookingSeriesRequest: {
            /** Format: uuid */
            client_id: string;
            rule: components["schemas"]["RecurrenceRuleInput"];
            /**
             * Format: date
             * @description The first date the rule may fall on (in the org’s time zone)
             * @example 2026-03-02
             */
            start_date: string;
            /**
             * @description A local wall-clock time HH:MM (in the org’s time zone)
             * @example 09:00
             */
            time: string;
            count?: number | null;
            until?: string | null;
            /** @description Minutes; default: the service’s duration */
            duration_minutes?: number;
            address_id?: string | null;
            service_id?: string | null;
            team_id?: string | null;
            worker_ids?: string[] | null;
            notes?: string | null;
            price_estimate_minor?: number | null;
            /** @description How far ahead occurrences are made now (default 56) */
            horizon_days?: number;
        };
        RecurrenceRule: {
            /** @constant */
            freq: "weekly";
            interval: number;
            weekdays: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
        } | {
            /** @constant */
            freq: "monthly";
            interval: number;
            month_day: number;
        } | {
            /** @constant */
            freq: "monthly";
            interval: number;
            nth_weekday: {
                /** @description 1st to 4th, or -1 for the last */
                n: 1 | 2 | 3 | 4 | -1;
                /** @enum {string} */
                weekday: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
            };
        };
        BookingSeries: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            /** Format: uuid */
            client_id: string;
            address_id: string | null;
            service_id: string | null;
            rule: components["schemas"]["RecurrenceRule"];
            /**
             * Format: date
             * @description A local date YYYY-MM-DD (in the org’s time zone)
             */
            start_date: string;
            /** @description A local wall-clock time HH:MM (in the series’ time zone) */
            time: string;
            duration_minutes: number;
            /** @description The zone the time is read in (the org’s when the series was made) */
            time_zone: string;
            count: number | null;
            until: string | null;
            team_id: string | null;
            worker_ids: string[];
            notes: string | null;
            price_estimate_minor: number | null;
            currency: string;
            generated_through: string | null;
            ended_on: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        UnassignedOccurrence: {
            /** Format: uuid */
            booking_id: string;
            /**
             * Format: date
             * @description A local date YYYY-MM-DD (in the org’s time zone)
             */
            date: string;
            /**
             * @description Why its people could not take it
             * @enum {string}
             */
            code: "booking.slot_unavailable" | "booking.blacked_out" | "worker.inactive" | "team.inactive";
            reason: string;
            details: {
                [key: string]: unknown;
            };
        };
        BookingSeriesResult: {
            series: components["schemas"]["BookingSeries"];
            /** @description The occurrences made by this call, by date */
            created: components["schemas"]["Booking"][];
            /** @description Occurrences made without their people, and why */
            unassigned: components["schemas"]["UnassignedOccurrence"][];
        };
        BookingSeriesDetail: {
            series: components["schemas"]["BookingSeries"];
            /** @description Occurrences from today on, cancelled and skipped ones included */
            upcoming: components["schemas"]["Booking"][];
        };
        UpdateBookingSeriesFromRequest: {
            /**
             * Format: date
             * @description The first date the changes apply to (today at the earliest takes effect)
             * @example 2026-03-02
             */
            from_date: string;
            rule?: components["schemas"]["RecurrenceRuleInput"];
            /**
             * @description A local wall-clock time HH:MM (in the org’s time zone)
             * @example 09:00
             */
            time?: string;
            /** @description Minutes; default: the service’s duration */
            duration_minutes?: number;
            address_id?: string | null;
            service_id?: string | null;
            team_id?: string | null;
            worker_ids?: string[] | null;
            notes?: string | null;
            price_estimate_minor?: number | null;
            /** @description How far ahead occurrences are made now (default 56) */
            horizon_days?: number;
        };
        BookingSeriesContinuation: {
            previous: components["schemas"]["BookingSeries"];
            series: components["schemas"]["BookingSeries"];
            /** @description The new series’ occurrences made by this call, by date */
            created: components["schemas"]["Booking"][];
            /** @description Occurrences made without their people, and why */
            unassigned: components["schemas"]["UnassignedOccurrence"][];
        };
        SkipBookingSeriesOccurrenceRequest: {
            /**
             * Format: date
             * @description A date of the rule: the occurrence to skip
             * @example 2026-03-02
             */
            date: string;
        };
        CancelBookingSeriesRequest: {
            /**
             * Format: date
             * @description The first date with no occurrence; a date before the start ends the series at its start
             * @example 2026-03-02
             */
            from_date: string;
            /** @description Kept on every occurrence it cancels */
            reason: string;
        };
        BookingSeriesCancellation: {
            series: components["schemas"]["BookingSeries"];
            /** @description Occurrences cancelled */
            cancelled: number;
        };
        /** @description The window answered for */
        ScheduleWindow: {
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
        };
        ScheduleConflict: {
            /** @enum {string} */
            kind: "booking" | "blackout" | "outside_working_hours" | "inactive";
            /** @description false: a warning (outside working hours) */
            blocking: boolean;
            reason: string;
            booking_id: string | null;
            blackout_id: string | null;
            worker_id: string | null;
            team_id: string | null;
            starts_at: string | null;
            ends_at: string | null;
        };
        ConflictReport: {
            window: components["schemas"]["ScheduleWindow"];
            /** @description True when nothing blocking was found */
            available: boolean;
            conflicts: components["schemas"]["ScheduleConflict"][];
        };
        TeamSuggestion: {
            team: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** @description Active members, every one free */
            member_count: number;
            /** @description Member-minutes already booked on the window’s local day */
            load_minutes: number;
            rank: number;
            reasons: string[];
        };
        /** @description GET /v1/admin/workers/{id} has the whole record */
        SuggestedWorker: {
            /** Format: uuid */
            id: string;
            name: string;
            team_id: string | null;
            team_name: string | null;
        };
        WorkerSuggestion: {
            worker: components["schemas"]["SuggestedWorker"];
            skills_matched: string[];
            skills_missing: string[];
            within_working_hours: boolean;
            /** @description Minutes already booked on the window’s local day */
            load_minutes: number;
            rank: number;
            reasons: string[];
        };
        AssigneeSuggestions: {
            window: components["schemas"]["ScheduleWindow"];
            /** @description Org-wide blackouts; when any, nobody is suggested */
            blocked_by: components["schemas"]["ScheduleConflict"][];
            total: {
                /** @description Teams that qualified; `teams` holds the best `limit` of them */
                teams: number;
                /** @description Workers that qualified; `workers` holds the best `limit` of them */
                workers: number;
            };
            teams: components["schemas"]["TeamSuggestion"][];
            workers: components["schemas"]["WorkerSuggestion"][];
        };
        BoardBooking: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            /** Format: uuid */
            client_id: string;
            address_id: string | null;
            service_id: string | null;
            series_id: string | null;
            occurrence_date: string | null;
            /** @description An occurrence edited on its own: changes to its series leave it alone */
            detached: boolean;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            /** @description IANA zone the booking is shown in: the org’s when it was made (a series’ own) */
            time_zone: string;
            /**
             * Format: date-time
             * @description starts_at on the booking’s wall clock, with its offset (2026-03-09T09:00:00-04:00)
             */
            local_starts_at: string;
            /**
             * Format: date-time
             * @description ends_at on the booking’s wall clock, with its offset
             */
            local_ends_at: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
            team_id: string | null;
            /** @description Ordered by worker id */
            workers: components["schemas"]["BookingWorker"][];
            notes: string | null;
            price_estimate_minor: number | null;
            currency: string;
            cancellation_reason: string | null;
            started_at: string | null;
            completed_at: string | null;
            cancelled_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            client: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            address: components["schemas"]["ClientAddress"] | null;
            service_name: string | null;
        };
        ScheduleBoard: {
            window: components["schemas"]["ScheduleWindow"];
            /** @description The org’s zone; a default window is its local days */
            time_zone: string;
            workers: {
                worker: components["schemas"]["Worker"];
                bookings: components["schemas"]["BoardBooking"][];
            }[];
            unassigned: components["schemas"]["BoardBooking"][];
        };
        AssignmentQueueItem: {
            booking: components["schemas"]["Booking"];
            /** @description Starts within 24 hours */
            urgent: boolean;
        };
        AssignmentQueuePage: {
            items: components["schemas"]["AssignmentQueueItem"][];
            next_cursor: string | null;
        };
        InvoiceClient: {
            /** Format: uuid */
            id: string;
            name: string;
            email: string | null;
        };
        InvoiceLine: {
            /** Format: uuid */
            id: string;
            position: number;
            description: string;
            /** @description Units, at most 3 decimal places */
            quantity: number;
            /** @description Minor units */
            unit_price_cents: number;
            tax_rate_basis: number;
            /** @description quantity × unit price, rounded half up to the minor unit */
            line_total_cents: number;
            /** @description line total × rate, rounded half up to the minor unit */
            line_tax_cents: number;
            booking_id: string | null;
        };
        Invoice: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            number: string | null;
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            /** @description ISO 4217: the org’s when the invoice was created */
            currency: string;
            issue_date: string | null;
            due_date: string | null;
            payment_terms_days: number;
            client: components["schemas"]["InvoiceClient"];
            booking_ids: string[];
            notes: string | null;
            lines: components["schemas"]["InvoiceLine"][];
            /** @description Σ line totals */
            subtotal_cents: number;
            /** @description Σ line totals with a positive tax rate */
            taxable_subtotal_cents: number;
            /** @description Σ line taxes */
            tax_cents: number;
            /** @description Effective rate of the stored amounts: tax ÷ taxable subtotal, basis points */
            tax_rate_basis: number;
            /** @description subtotal + tax */
            total_cents: number;
            /** @description Settled money toward the balance (tips excluded) */
            paid_cents: number;
            /** @description What is left to pay (0 when void) */
            outstanding_cents: number;
            /** @description Paid beyond the total: the client’s credit */
            credit_cents: number;
            sent_at: string | null;
            paid_at: string | null;
            voided_at: string | null;
            void_reason: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        InvoicePage: {
            items: components["schemas"]["Invoice"][];
            next_cursor: string | null;
        };
        InvoiceLineInput: {
            /** @description What the line bills */
            description: string;
            /**
             * @description Units (hours, visits), a decimal number with at most 3 decimal places (2.5); more precision is refused, not rounded
             * @example 2.5
             */
            quantity: number;
            /** @description Minor units of the invoice’s currency (cents; yen; fils) */
            unit_price_cents: number;
            /** @description Tax rate in basis points (2000 = 20 %) */
            tax_rate_basis: number;
            booking_id?: string | null;
        };
        CreateInvoiceRequest: {
            /** Format: uuid */
            client_id: string;
            /** @description At most 100 lines */
            lines?: components["schemas"]["InvoiceLineInput"][];
            booking_ids?: string[];
            notes?: string | null;
            /** @description Days from issue to due (default 14) */
            payment_terms_days?: number;
        };
        CreateInvoicesFromBookingsRequest: {
            /**
             * Format: date
             * @description First local day (in the org’s zone) whose completed bookings are billed
             * @example 2026-03-02
             */
            from: string;
            /**
             * Format: date
             * @description Last local day, inclusive; at most 92 days after from
             * @example 2026-03-02
             */
            to: string;
            /** @description Days from issue to due (default 14) */
            payment_terms_days?: number;
        };
        InvoiceBatch: {
            /** @description One draft per client (more when a client has more bookings than an invoice holds lines) */
            created: components["schemas"]["Invoice"][];
            /** @description Completed bookings of the period not invoiced: already on an invoice, of an archived client, or in another currency */
            skipped: number;
        };
        UpdateDraftInvoiceRequest: {
            /** @description Replaces every line (1 to 100) */
            lines?: components["schemas"]["InvoiceLineInput"][];
            notes?: string | null;
            /** @description Days from issue to due (default 14) */
            payment_terms_days?: number;
        };
        IssueInvoiceRequest: Record<string, never>;
        IssuedInvoice: {
            invoice: components["schemas"]["Invoice"];
            /**
             * @description queued: the invoice_sent mail is in the outbox; no_mail_transport: no email channel; no_address: the client has no email
             * @enum {string}
             */
            delivery: "queued" | "no_mail_transport" | "no_address";
        };
        VoidInvoiceRequest: {
            /** @description Why the invoice is void (kept on it and in the audit log) */
            reason: string;
        };
        RecordInvoicePaymentRequest: {
            /**
             * @description How the money came
             * @enum {string}
             */
            method: "cash" | "cheque" | "bank_transfer" | "other";
            /** @description Minor units of the invoice’s currency, > 0 */
            amount_cents: number;
            /** @description A tip for the crew, recorded apart: it never counts toward the balance */
            tip_cents?: number;
            reference?: string | null;
            /**
             * Format: date-time
             * @description When the money arrived (default now; at most a minute ahead of the server clock)
             * @example 2026-03-02T09:00:00Z
             */
            received_at?: string;
        };
        Payment: {
            /** Format: uuid */
            id: string;
            /** @description Null for a deposit not yet applied to an invoice */
            invoice_id: string | null;
            /** @description The booking a deposit was taken for */
            booking_id: string | null;
            /** @enum {string} */
            provider: "manual" | "stripe";
            /** @enum {string} */
            method: "cash" | "cheque" | "bank_transfer" | "other" | "card";
            /**
             * @description balance: toward the invoice; tip: for the crew, never toward the balance; deposit: taken before the visit
             * @enum {string}
             */
            purpose: "balance" | "tip" | "deposit";
            /**
             * @description refunded once refunds reach the amount; a partial refund keeps succeeded
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "refunded";
            amount_cents: number;
            refunded_cents: number;
            /** @description Sent to the processor as a refund and not confirmed yet (a timeout): not refundable again, still counted as paid; retrying that refund with this amount is safe */
            refund_pending_cents: number;
            /** @description ISO 4217 */
            currency: string;
            reference: string | null;
            received_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        InvoiceBalance: {
            /** Format: uuid */
            invoice_id: string;
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            currency: string;
            total_cents: number;
            /** @description Settled toward the balance (tips excluded) */
            paid_cents: number;
            /** @description Left to pay, never negative */
            outstanding_cents: number;
            /** @description Paid beyond the total: the client’s credit */
            credit_cents: number;
        };
        RecordedPayment: {
            payment: components["schemas"]["Payment"];
            /** @description The tip recorded with it, when tip_cents > 0 */
            tip: components["schemas"]["Payment"] | null;
            invoice: components["schemas"]["InvoiceBalance"];
        };
        PaymentList: {
            /** @description Oldest first */
            items: components["schemas"]["Payment"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        /** @description amount_cents defaults to all that is still refundable */
        RefundPaymentRequest: {
            /** @description Minor units of the invoice’s currency, > 0 */
            amount_cents?: number;
            reason?: string | null;
        };
        RefundedPayment: {
            payment: components["schemas"]["Payment"];
            /** @description Null for a deposit not applied to an invoice */
            invoice: components["schemas"]["InvoiceBalance"] | null;
        };
        CreateInvoiceCheckoutRequest: Record<string, never>;
        CheckoutSession: {
            /** @description Where the payer is sent */
            checkout_url: string;
            session_id: string;
            /** @description What the session collects */
            amount_cents: number;
            currency: string;
        };
        ClientCredit: {
            /** Format: uuid */
            client_id: string;
            /** @description One entry per currency with credit; empty when the client has none */
            credits: {
                currency: string;
                /** @description Σ of what was paid beyond each invoice’s total */
                credit_cents: number;
                invoices: {
                    /** Format: uuid */
                    invoice_id: string;
                    number: string | null;
                    credit_cents: number;
                }[];
            }[];
        };
        /** @description amount_cents defaults to the deposit still due under the service’s rule */
        RecordBookingDepositRequest: {
            /**
             * @description How the money came
             * @enum {string}
             */
            method: "cash" | "cheque" | "bank_transfer" | "other";
            /** @description Minor units of the invoice’s currency, > 0 */
            amount_cents?: number;
            reference?: string | null;
            /**
             * Format: date-time
             * @description When the money arrived (default now; at most a minute ahead of the server clock)
             * @example 2026-03-02T09:00:00Z
             */
            received_at?: string;
        };
        CreateDepositCheckoutRequest: Record<string, never>;
        SubmitPublicLeadRequest: {
            /** @description The org the form belongs to */
            org_slug: string;
            name: string;
            email?: string | null;
            phone?: string | null;
            source?: string | null;
            notes?: string | null;
            service_requested?: string | null;
            address?: components["schemas"]["ServiceAddressInput"] | null;
        };
        /** @description The same answer whether or not the org exists */
        PublicLeadReceipt: {
            /** Format: uuid */
            id: string;
            /** @constant */
            status: "received";
        };
        PublicInvoice: {
            number: string | null;
            org_name: string;
            /** @enum {string} */
            status: "DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID";
            currency: string;
            issue_date: string | null;
            due_date: string | null;
            lines: {
                description: string;
                quantity: number;
                /** @description Minor units */
                unit_price_cents: number;
                tax_rate_basis: number;
                /** @description Minor units */
                line_total_cents: number;
                /** @description Minor units */
                line_tax_cents: number;
            }[];
            /** @description Σ line totals */
            subtotal_cents: number;
            /** @description Σ line totals with a positive tax rate */
            taxable_subtotal_cents: number;
            /** @description Σ line taxes */
            tax_cents: number;
            /** @description Effective rate of the stored amounts: tax ÷ taxable subtotal, basis points */
            tax_rate_basis: number;
            /** @description subtotal + tax */
            total_cents: number;
            /** @description Settled money toward the balance (tips excluded) */
            paid_cents: number;
            /** @description What is left to pay (0 when void) */
            outstanding_cents: number;
            /** @description Paid beyond the total: the client’s credit */
            credit_cents: number;
        };
        CreatePublicInvoiceCheckoutRequest: Record<string, never>;
        /** @description Twilio's inbound message webhook fields (more fields may come) */
        TwilioInboundMessage: {
            /** @description The number that texted (E.164) */
            From: string;
            /** @description Our number it texted */
            To: string;
            /** @description What it texted */
            Body: string;
            MessageSid: string;
            AccountSid: string;
        } & {
            [key: string]: string;
        };
        WorkerPortalLoginRequest: {
            /** @description The org’s slug (any case); without it, DEFAULT_ORG_ID (or the only org) */
            org?: string;
            /** @description The worker’s phone or email */
            login: string;
            /** @description As chosen (never trimmed) */
            password: string;
        };
        WorkerSelf: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            org_id: string;
            name: string;
            phone: string | null;
            email: string | null;
            skills: string[];
            team_id: string | null;
            working_hours: components["schemas"]["WorkingHours"] | null;
            /** @description true: the password was set by staff; until POST /v1/worker/portal/change-password only me, change-password and logout answer (others: 403 auth.password_change_required) */
            must_change_password: boolean;
        };
        WorkerToken: {
            /** @description Send as Authorization: Bearer <access_token> to /v1/worker/portal/* */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds (12 hours) */
            expires_in: number;
            /** Format: date-time */
            expires_at: string;
            /** @description true: the password was set by staff; until POST /v1/worker/portal/change-password only me, change-password and logout answer (others: 403 auth.password_change_required) */
            must_change_password: boolean;
            worker: components["schemas"]["WorkerSelf"];
        };
        WorkerPortalChangePasswordRequest: {
            /** @description Your current password: a wrong one counts as a failed sign-in */
            current_password: string;
            /** @description 12 to 256 characters, hard to guess (judged with the email and names of the account and the org as context) */
            new_password: string;
        };
        WorkerJob: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            /** @description IANA zone of the job’s wall clock */
            time_zone: string;
            /**
             * Format: date-time
             * @description starts_at on the job’s wall clock, with its offset
             */
            local_starts_at: string;
            /**
             * Format: date-time
             * @description ends_at on the job’s wall clock, with its offset
             */
            local_ends_at: string;
            /** @description What you may do now: start (a confirmed job, from can_start_from on: WORKER_JOB_START_WINDOW_MINUTES before its start) or complete (a started one) */
            allowed_actions: ("start" | "complete")[];
            can_start_from: string | null;
            service_name: string | null;
            notes: string | null;
            client: {
                name: string;
                phone: string | null;
            };
            address: components["schemas"]["ClientAddress"] | null;
            team_id: string | null;
            workers: {
                /** Format: uuid */
                worker_id: string;
                via_team: boolean;
            }[];
            series_id: string | null;
            occurrence_date: string | null;
            started_at: string | null;
            completed_at: string | null;
        };
        WorkerJobList: {
            items: components["schemas"]["WorkerJob"][];
            /** @description Always null: the whole list is one page */
            next_cursor: null;
        };
        /** @description A Stripe event as Stripe sends it; verified over these exact bytes */
        StripeWebhookEvent: {
            /** @description evt_… */
            id: string;
            /** @constant */
            object: "event";
            /** @description checkout.session.completed, payment_intent.succeeded, payment_intent.payment_failed, charge.refunded, invoice.payment_failed; other types are acknowledged and ignored */
            type: string;
            /** @description Unix seconds */
            created: number;
            data: {
                /** @description The Stripe object; its metadata names our org_id, invoice_id or booking_id and purpose */
                object: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        WebhookReceived: {
            /** @constant */
            received: true;
        };
        StripeEventView: {
            /** @description Stripe's event id (evt_…) */
            event_id: string;
            /** @description Stripe event type (payment_intent.succeeded, charge.refunded, …) */
            type: string;
            /**
             * Format: date-time
             * @description When Stripe created the event
             */
            created_at: string;
            /** Format: uuid */
            org_id: string;
            /** @description The invoice the event named, when it named one */
            invoice_id: string | null;
            /** @description The booking the event named (deposits), when it named one */
            booking_id: string | null;
            /**
             * @description received (not yet applied), processed, ignored (a type or object we do not act on) or failed
             * @enum {string}
             */
            processed_status: "received" | "processed" | "ignored" | "failed";
            /** @description Why it failed or was ignored, short and without payment data */
            last_error: string | null;
        };
        StripeEventPage: {
            items: components["schemas"]["StripeEventView"][];
            /** @description Events that match the filter, on every page */
            total: number;
            limit: number;
            offset: number;
        };
    };
    responses: {
        /** @description The body is not valid JSON (request.malformed) */
        BadRequest: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, wrong or expired credentials, or an ended session */
        Unauthorized: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The role lacks the permission, a temporary password must be changed first, or the address is not allowed */
        Forbidden: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found in this org (another org’s id answers the same) */
        NotFound: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflicts with the current state (the problem’s code says which) */
        Conflict: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is larger than the limit (request.too_large) */
        PayloadTooLarge: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not application/json */
        UnsupportedMediaType: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Invalid input; errors[] names each field (pointer, detail, in) */
        ValidationFailed: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests; Retry-After says when to retry */
        TooManyRequests: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request line or headers are too large (request.headers_too_large) */
        RequestHeaderFieldsTooLarge: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected error; the request_id finds it in the logs */
        InternalError: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The database is unavailable or migrations are pending; retry later */
        ServiceUnavailable: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "string",
                 *       "title": "string",
                 *       "status": 400,
                 *       "detail": "string",
                 *       "instance": "string",
                 *       "code": "auth.admin_read_only",
                 *       "request_id": "string",
                 *       "errors": [
                 *         {
                 *           "pointer": "string",
                 *           "detail": "string",
                 *           "in": "body"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Makes the write safe to retry: the first answer is stored for 48 hours and replayed (with Idempotent-Replayed: true) to a retry with the same key; the same key with another body answers 422. */
        "Idempotency-Key": string;
        /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
        "X-Break-Glass-Token": string;
    };
    requestBodies: never;
    headers: {
        /** @description `no-store` (or `private, no-store`): the answer carries credentials or personal data and must not be cached */
        "Cache-Control": string;
        /** @description `attachment; filename=...`: a file to save under that name */
        "Content-Disposition": string;
        /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
        "Idempotent-Replayed": "true";
        /** @description Where the created or linked resource is */
        Location: string;
        /** @description Seconds to wait before retrying */
        "Retry-After": number;
        /** @description The authentication scheme to use (Bearer or Basic) */
        "WWW-Authenticate": string;
        /** @description The request id (the caller’s X-Request-ID when valid, else generated); in every log line of the request */
        "X-Request-ID": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["LivenessResponse"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "checks": [
                     *         {
                     *           "name": "db",
                     *           "ok": true,
                     *           "ms": 0,
                     *           "detail": {}
                     *         }
                     *       ],
                     *       "status": "ready",
                     *       "database": {},
                     *       "jobs": {},
                     *       "db_connected": true,
                     *       "migrations_current": true,
                     *       "current_revision": null,
                     *       "expected_revision": null
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            /** @description Not ready; checks[] says why */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "checks": [
                     *         {
                     *           "name": "db",
                     *           "ok": true,
                     *           "ms": 0,
                     *           "detail": {}
                     *         }
                     *       ],
                     *       "status": "ready",
                     *       "database": {},
                     *       "jobs": {},
                     *       "db_connected": true,
                     *       "migrations_current": true,
                     *       "current_revision": null,
                     *       "expected_revision": null
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": unknown;
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Metrics are disabled */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    openApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "openapi": "3.1.0"
                     *     }
                     */
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    docsPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    docsAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": unknown;
                };
            };
            /** @description No such asset */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    problemType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                area: string;
                reason: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The problem type */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "code": "string",
                     *       "status": 0,
                     *       "title": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ProblemType"];
                };
            };
            /** @description Unknown type */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "string",
                 *       "password": "string",
                 *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                 *       "totp_code": "string",
                 *       "recovery_code": "string"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Tokens for the new session */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "refresh_token": "string",
                     *       "refresh_expires_at": "2019-08-24T14:15:22Z",
                     *       "session_id": "1ffd059c-17ea-40a8-8aef-70fd0307db82",
                     *       "session_expires_at": "2019-08-24T14:15:22Z",
                     *       "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "role": "owner",
                     *       "mfa_verified": true,
                     *       "must_change_password": true
                     *     }
                     */
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong email or password (auth.invalid_credentials), or a missing or wrong one-time code (auth.mfa_required) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a member of the chosen org (auth.forbidden) */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Several orgs and no org_id (auth.org_required; the problem lists them) */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "string",
                 *       "totp_code": "string",
                 *       "recovery_code": "string"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshSessionRequest"];
            };
        };
        responses: {
            /** @description Tokens for the same session */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "refresh_token": "string",
                     *       "refresh_expires_at": "2019-08-24T14:15:22Z",
                     *       "session_id": "1ffd059c-17ea-40a8-8aef-70fd0307db82",
                     *       "session_expires_at": "2019-08-24T14:15:22Z",
                     *       "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "role": "owner",
                     *       "mfa_verified": true,
                     *       "must_change_password": true
                     *     }
                     */
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description A malformed or unknown refresh token (auth.token_invalid), an ended or reused session (auth.session_revoked), or a missing or wrong one-time code (auth.mfa_required) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["LogoutRequest"];
            };
        };
        responses: {
            /** @description Signed out (also when already signed out) */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "email": "string",
                     *         "display_name": "string",
                     *         "mfa_enabled": true,
                     *         "recovery_codes_left": 0,
                     *         "must_change_password": true,
                     *         "password_changed_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "role": "owner",
                     *       "session_id": "1ffd059c-17ea-40a8-8aef-70fd0307db82",
                     *       "session_expires_at": "2019-08-24T14:15:22Z",
                     *       "mfa_verified": true,
                     *       "orgs": [
                     *         {
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "role": "owner"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SignedInUser"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    switchOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b"
                 *     }
                 */
                "application/json": components["schemas"]["SwitchOrgRequest"];
            };
        };
        responses: {
            /** @description Tokens for the session in that org */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "refresh_token": "string",
                     *       "refresh_expires_at": "2019-08-24T14:15:22Z",
                     *       "session_id": "1ffd059c-17ea-40a8-8aef-70fd0307db82",
                     *       "session_expires_at": "2019-08-24T14:15:22Z",
                     *       "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "role": "owner",
                     *       "mfa_verified": true,
                     *       "must_change_password": true
                     *     }
                     */
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "current_password": "string",
                 *       "new_password": "stringstring"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Changed; a new access token for this session */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["AccessToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enrollTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "current_password": "string"
                 *     }
                 */
                "application/json": components["schemas"]["EnrollTotpRequest"];
            };
        };
        responses: {
            /** @description The pending secret (confirm it with /v1/auth/2fa/verify) */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "secret": "string",
                     *       "otpauth_uri": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["TotpEnrolment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "string"
                 *     }
                 */
                "application/json": components["schemas"]["VerifyTotpRequest"];
            };
        };
        responses: {
            /** @description Enabled; the recovery codes are shown this once */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "enabled": true,
                     *       "recovery_codes": [
                     *         "string"
                     *       ],
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["TotpEnabled"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    disableTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5"
                 *     }
                 */
                "application/json": components["schemas"]["DisableTotpRequest"];
            };
        };
        responses: {
            /** @description Turned off */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such member in this org (identity.user_not_found) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "string",
                 *       "password": "string",
                 *       "new_password": "stringstring",
                 *       "totp_code": "string",
                 *       "recovery_code": "string"
                 *     }
                 */
                "application/json": components["schemas"]["AcceptInvitationRequest"];
            };
        };
        responses: {
            /** @description You are a member now */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5",
                     *       "email": "string",
                     *       "role": "owner",
                     *       "credentials_replaced": true
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedInvitation"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description The token is not valid (auth.token_invalid), or the account has a second factor and no valid code was sent (auth.mfa_required) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "pat@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["RequestPasswordResetRequest"];
            };
        };
        responses: {
            /** @description Received */
            202: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "detail": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CredentialResetReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "string",
                 *       "new_password": "stringstring",
                 *       "totp_code": "string",
                 *       "recovery_code": "string"
                 *     }
                 */
                "application/json": components["schemas"]["ConfirmPasswordResetRequest"];
            };
        };
        responses: {
            /** @description Changed; sign in with the new password */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            /** @description The token is not valid: malformed, expired or used (auth.token_invalid); or the account has a second factor and no valid code was sent (auth.mfa_required) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestSecondFactorReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "pat@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["RequestSecondFactorResetRequest"];
            };
        };
        responses: {
            /** @description Received */
            202: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "detail": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CredentialResetReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmSecondFactorReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "string",
                 *       "password": "string"
                 *     }
                 */
                "application/json": components["schemas"]["ConfirmSecondFactorResetRequest"];
            };
        };
        responses: {
            /** @description Cleared */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            /** @description The token is not valid: malformed, expired or used (auth.token_invalid) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "string",
                     *       "username": "string",
                     *       "role": "string",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "auth_method": "string",
                     *       "mfa_verified": true
                     *     }
                     */
                    "application/json": components["schemas"]["GetProfileResponse"];
                };
            };
            /** @description Missing, wrong or expired credentials, an ended session, or (admin API with ADMIN_MFA_REQUIRED) no proven second factor */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The role lacks the permission, a temporary password must be changed first, the address is not on the admin allowlist, or no org could be chosen */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this org (also for another org’s id) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; errors[] lists each field */
            422: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (Retry-After says when to retry) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description The database is unavailable; retry later */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrgSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "time_zone": "string",
                     *       "currency": "string",
                     *       "lead_auto_archive_days": 0,
                     *       "locale": "string",
                     *       "notifications": {
                     *         "booking_confirmed": true,
                     *         "booking_rescheduled": true,
                     *         "booking_cancelled": true,
                     *         "booking_reminder": true,
                     *         "worker_assignment": true,
                     *         "security_notice": true,
                     *         "invoice_reminder": true
                     *       },
                     *       "dunning_days": [
                     *         0
                     *       ],
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["OrgSettings"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateOrgSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "time_zone": "Europe/London",
                 *       "currency": "USD",
                 *       "lead_auto_archive_days": 1,
                 *       "locale": "en-GB",
                 *       "notifications": {
                 *         "booking_confirmed": true,
                 *         "booking_rescheduled": true,
                 *         "booking_cancelled": true,
                 *         "booking_reminder": true,
                 *         "worker_assignment": true,
                 *         "security_notice": true,
                 *         "invoice_reminder": true
                 *       },
                 *       "dunning_days": [
                 *         3,
                 *         7,
                 *         14
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UpdateOrgSettingsRequest"];
            };
        };
        responses: {
            /** @description The updated settings */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "time_zone": "string",
                     *       "currency": "string",
                     *       "lead_auto_archive_days": 0,
                     *       "locale": "string",
                     *       "notifications": {
                     *         "booking_confirmed": true,
                     *         "booking_rescheduled": true,
                     *         "booking_cancelled": true,
                     *         "booking_reminder": true,
                     *         "worker_assignment": true,
                     *         "security_notice": true,
                     *         "invoice_reminder": true
                     *       },
                     *       "dunning_days": [
                     *         0
                     *       ],
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["OrgSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description lead, client, booking, … */
                resource_type?: string;
                resource_id?: string;
                /** @description e.g. lead.create */
                action?: string;
                actor_id?: string;
                /** @description Created at or after (inclusive) */
                created_from?: string;
                /** @description Created before (exclusive); after created_from */
                created_to?: string;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit entries */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "actor_kind": "string",
                     *           "actor_id": "string",
                     *           "admin_role": "string",
                     *           "action": "string",
                     *           "resource_type": "string",
                     *           "resource_id": "string",
                     *           "before": {},
                     *           "after": {},
                     *           "metadata": {},
                     *           "request_id": "string",
                     *           "created_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The members */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "email": "string",
                     *           "display_name": "string",
                     *           "role": "owner",
                     *           "mfa_enabled": true,
                     *           "must_change_password": true,
                     *           "credentials_managed_here": true,
                     *           "deactivated_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A query parameter was sent: this list takes none */
            422: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    inviteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "pat@example.com",
                 *       "display_name": "string",
                 *       "role": "owner"
                 *     }
                 */
                "application/json": components["schemas"]["InviteUserRequest"];
            };
        };
        responses: {
            /** @description The member, with temporary_password when a new account was created */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "email": "string",
                     *       "display_name": "string",
                     *       "role": "owner",
                     *       "mfa_enabled": true,
                     *       "must_change_password": true,
                     *       "credentials_managed_here": true,
                     *       "deactivated_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "temporary_password": "string",
                     *       "reactivated": true
                     *     }
                     */
                    "application/json": components["schemas"]["AddedMember"];
                };
            };
            /** @description An invitation to an existing account; nothing linked until its holder accepts */
            202: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invitation": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "email": "string",
                     *         "display_name": "string",
                     *         "role": "owner",
                     *         "status": "pending",
                     *         "invited_by": "string",
                     *         "expires_at": "2019-08-24T14:15:22Z",
                     *         "accepted_at": "2019-08-24T14:15:22Z",
                     *         "revoked_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "delivery": "queued"
                     *     }
                     */
                    "application/json": components["schemas"]["InvitationSent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitations */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "email": "string",
                     *           "display_name": "string",
                     *           "role": "owner",
                     *           "status": "pending",
                     *           "invited_by": "string",
                     *           "expires_at": "2019-08-24T14:15:22Z",
                     *           "accepted_at": "2019-08-24T14:15:22Z",
                     *           "revoked_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["InvitationPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A query parameter was sent: this list takes none */
            422: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resendInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The invitation's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation, with its new expiry */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invitation": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "email": "string",
                     *         "display_name": "string",
                     *         "role": "owner",
                     *         "status": "pending",
                     *         "invited_by": "string",
                     *         "expires_at": "2019-08-24T14:15:22Z",
                     *         "accepted_at": "2019-08-24T14:15:22Z",
                     *         "revoked_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "delivery": "queued"
                     *     }
                     */
                    "application/json": components["schemas"]["InvitationSent"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The invitation's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "email": "string",
                     *       "display_name": "string",
                     *       "role": "owner",
                     *       "status": "pending",
                     *       "invited_by": "string",
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "accepted_at": "2019-08-24T14:15:22Z",
                     *       "revoked_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resetUserPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The member's account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The temporary password */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "temporary_password": "string",
                     *       "must_change_password": true
                     *     }
                     */
                    "application/json": components["schemas"]["TemporaryPassword"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changeUserRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The member's account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "role": "owner"
                 *     }
                 */
                "application/json": components["schemas"]["ChangeUserRoleRequest"];
            };
        };
        responses: {
            /** @description The member */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "email": "string",
                     *       "display_name": "string",
                     *       "role": "owner",
                     *       "mfa_enabled": true,
                     *       "must_change_password": true,
                     *       "credentials_managed_here": true,
                     *       "deactivated_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deactivateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The member's account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "email": "string",
                     *       "display_name": "string",
                     *       "role": "owner",
                     *       "mfa_enabled": true,
                     *       "must_change_password": true,
                     *       "credentials_managed_here": true,
                     *       "deactivated_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Member"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logoutUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The member's account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many sessions ended */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "sessions_ended": 0
                     *     }
                     */
                    "application/json": components["schemas"]["SessionsEnded"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    startBreakGlass: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "string",
                 *       "ttl_minutes": 1
                 *     }
                 */
                "application/json": components["schemas"]["StartBreakGlassRequest"];
            };
        };
        responses: {
            /** @description The token (shown once) and its expiry */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "string",
                     *       "expires_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["BreakGlassToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot (whitelisted keys only) */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "values": {}
                     *     }
                     */
                    "application/json": components["schemas"]["GetConfigResponse"];
                };
            };
            /** @description Missing, wrong or expired credentials, an ended session, or (admin API with ADMIN_MFA_REQUIRED) no proven second factor */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The role lacks the permission, a temporary password must be changed first, the address is not on the admin allowlist, or no org could be chosen */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this org (also for another org’s id) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; errors[] lists each field */
            422: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (Retry-After says when to retry) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description The database is unavailable; retry later */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFeatureFlags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Flags and the admin safety switches in force */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "deposits_enabled": true,
                     *       "export_mode": "string",
                     *       "strict_policy_mode": true,
                     *       "admin_read_only": true,
                     *       "admin_mfa_required": true,
                     *       "legacy_basic_auth_enabled": true
                     *     }
                     */
                    "application/json": components["schemas"]["GetFeatureFlagsResponse"];
                };
            };
            /** @description Missing, wrong or expired credentials, an ended session, or (admin API with ADMIN_MFA_REQUIRED) no proven second factor */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The role lacks the permission, a temporary password must be changed first, the address is not on the admin allowlist, or no org could be chosen */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this org (also for another org’s id) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input; errors[] lists each field */
            422: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (Retry-After says when to retry) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description The database is unavailable; retry later */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLeads: {
        parameters: {
            query?: {
                /** @description Created at or after (inclusive) */
                created_from?: string;
                /** @description Created before (exclusive); after created_from */
                created_to?: string;
                /** @description At least 3 characters: text in the name or email, or digits of the phone. A role that sees email and phone masked (viewer) searches names only. 422 search.too_broad when the search cannot finish in its time budget; 429 search.busy when too many searches are running. */
                q?: string;
                /** @description Default exclude */
                archived?: "exclude" | "only" | "include";
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Leads in any of these statuses (repeat the parameter) */
                status?: ("new" | "contacted" | "qualified" | "converted" | "lost")[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of leads */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "name": "string",
                     *           "email": "string",
                     *           "phone": "string",
                     *           "source": "string",
                     *           "status": "new",
                     *           "notes": "string",
                     *           "service_requested": "string",
                     *           "address": {
                     *             "label": "string",
                     *             "line1": "string",
                     *             "line2": "string",
                     *             "city": "string",
                     *             "region": "string",
                     *             "postal_code": "string",
                     *             "country": "string",
                     *             "access_notes": "string"
                     *           },
                     *           "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *           "converted_at": "2019-08-24T14:15:22Z",
                     *           "archived_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["LeadPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "email": "pat@example.com",
                 *       "phone": "+1 212 555 0147",
                 *       "source": "referral",
                 *       "notes": "string",
                 *       "service_requested": "string",
                 *       "address": {
                 *         "label": "string",
                 *         "line1": "string",
                 *         "line2": "string",
                 *         "city": "string",
                 *         "region": "string",
                 *         "postal_code": "string",
                 *         "country": "US",
                 *         "access_notes": "string"
                 *       },
                 *       "status": "new"
                 *     }
                 */
                "application/json": components["schemas"]["CreateLeadRequest"];
            };
        };
        responses: {
            /** @description The new lead */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "source": "string",
                     *       "status": "new",
                     *       "notes": "string",
                     *       "service_requested": "string",
                     *       "address": {
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string"
                     *       },
                     *       "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *       "converted_at": "2019-08-24T14:15:22Z",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lead */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "source": "string",
                     *       "status": "new",
                     *       "notes": "string",
                     *       "service_requested": "string",
                     *       "address": {
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string"
                     *       },
                     *       "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *       "converted_at": "2019-08-24T14:15:22Z",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Lead"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "email": "pat@example.com",
                 *       "phone": "+1 212 555 0147",
                 *       "source": "referral",
                 *       "notes": "string",
                 *       "service_requested": "string",
                 *       "address": {
                 *         "label": "string",
                 *         "line1": "string",
                 *         "line2": "string",
                 *         "city": "string",
                 *         "region": "string",
                 *         "postal_code": "string",
                 *         "country": "US",
                 *         "access_notes": "string"
                 *       },
                 *       "status": "new"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateLeadRequest"];
            };
        };
        responses: {
            /** @description The updated lead */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "source": "string",
                     *       "status": "new",
                     *       "notes": "string",
                     *       "service_requested": "string",
                     *       "address": {
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string"
                     *       },
                     *       "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *       "converted_at": "2019-08-24T14:15:22Z",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    archiveLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["ArchiveLeadRequest"];
            };
        };
        responses: {
            /** @description The archived lead */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "source": "string",
                     *       "status": "new",
                     *       "notes": "string",
                     *       "service_requested": "string",
                     *       "address": {
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string"
                     *       },
                     *       "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *       "converted_at": "2019-08-24T14:15:22Z",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    convertLead: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643"
                 *     }
                 */
                "application/json": components["schemas"]["ConvertLeadRequest"];
            };
        };
        responses: {
            /** @description Linked to an existing client */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "lead": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "email": "string",
                     *         "phone": "string",
                     *         "source": "string",
                     *         "status": "new",
                     *         "notes": "string",
                     *         "service_requested": "string",
                     *         "address": {
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string"
                     *         },
                     *         "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *         "converted_at": "2019-08-24T14:15:22Z",
                     *         "archived_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "email": "string",
                     *         "phone": "string",
                     *         "notes": "string",
                     *         "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *         "archived_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z",
                     *         "addresses": [
                     *           {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "label": "string",
                     *             "line1": "string",
                     *             "line2": "string",
                     *             "city": "string",
                     *             "region": "string",
                     *             "postal_code": "string",
                     *             "country": "string",
                     *             "access_notes": "string",
                     *             "is_primary": true,
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           }
                     *         ]
                     *       },
                     *       "client_created": true
                     *     }
                     */
                    "application/json": components["schemas"]["LeadConversion"];
                };
            };
            /** @description Converted into a new client */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "lead": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "email": "string",
                     *         "phone": "string",
                     *         "source": "string",
                     *         "status": "new",
                     *         "notes": "string",
                     *         "service_requested": "string",
                     *         "address": {
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string"
                     *         },
                     *         "converted_client_id": "a377a748-0031-4bd0-90e0-3e77ddd3aa1a",
                     *         "converted_at": "2019-08-24T14:15:22Z",
                     *         "archived_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "email": "string",
                     *         "phone": "string",
                     *         "notes": "string",
                     *         "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *         "archived_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z",
                     *         "addresses": [
                     *           {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "label": "string",
                     *             "line1": "string",
                     *             "line2": "string",
                     *             "city": "string",
                     *             "region": "string",
                     *             "postal_code": "string",
                     *             "country": "string",
                     *             "access_notes": "string",
                     *             "is_primary": true,
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           }
                     *         ]
                     *       },
                     *       "client_created": true
                     *     }
                     */
                    "application/json": components["schemas"]["LeadConversion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listClients: {
        parameters: {
            query?: {
                /** @description Created at or after (inclusive) */
                created_from?: string;
                /** @description Created before (exclusive); after created_from */
                created_to?: string;
                /** @description At least 3 characters: text in the name or email, or digits of the phone. A role that sees email and phone masked (viewer) searches names only. 422 search.too_broad when the search cannot finish in its time budget; 429 search.busy when too many searches are running. */
                q?: string;
                /** @description Default exclude */
                archived?: "exclude" | "only" | "include";
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of clients */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "name": "string",
                     *           "email": "string",
                     *           "phone": "string",
                     *           "notes": "string",
                     *           "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *           "archived_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z",
                     *           "addresses": [
                     *             {
                     *               "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *               "label": "string",
                     *               "line1": "string",
                     *               "line2": "string",
                     *               "city": "string",
                     *               "region": "string",
                     *               "postal_code": "string",
                     *               "country": "string",
                     *               "access_notes": "string",
                     *               "is_primary": true,
                     *               "created_at": "2019-08-24T14:15:22Z",
                     *               "updated_at": "2019-08-24T14:15:22Z"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ClientPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "email": "pat@example.com",
                 *       "phone": "+1 212 555 0147",
                 *       "notes": "string",
                 *       "addresses": [
                 *         {
                 *           "label": "string",
                 *           "line1": "string",
                 *           "line2": "string",
                 *           "city": "string",
                 *           "region": "string",
                 *           "postal_code": "string",
                 *           "country": "US",
                 *           "access_notes": "string",
                 *           "is_primary": true
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateClientRequest"];
            };
        };
        responses: {
            /** @description The new client */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "email": "pat@example.com",
                 *       "phone": "+1 212 555 0147",
                 *       "notes": "string"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateClientRequest"];
            };
        };
        responses: {
            /** @description The updated client */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    addClientAddress: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The client */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "string",
                 *       "line1": "string",
                 *       "line2": "string",
                 *       "city": "string",
                 *       "region": "string",
                 *       "postal_code": "string",
                 *       "country": "US",
                 *       "access_notes": "string",
                 *       "is_primary": true
                 *     }
                 */
                "application/json": components["schemas"]["AddClientAddressRequest"];
            };
        };
        responses: {
            /** @description The client with the new address */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeClientAddress: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The client */
                id: string;
                /** @description The address */
                addressId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client without the address */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateClientAddress: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The client */
                id: string;
                /** @description The address */
                addressId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "string",
                 *       "line1": "string",
                 *       "line2": "string",
                 *       "city": "string",
                 *       "region": "string",
                 *       "postal_code": "string",
                 *       "country": "US",
                 *       "access_notes": "string",
                 *       "is_primary": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateClientAddressRequest"];
            };
        };
        responses: {
            /** @description The client with the changed address */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "email": "string",
                     *       "phone": "string",
                     *       "notes": "string",
                     *       "source_lead_id": "9d9e2c98-4191-4766-bf0e-c2c9be589c9b",
                     *       "archived_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "addresses": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "label": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "region": "string",
                     *           "postal_code": "string",
                     *           "country": "string",
                     *           "access_notes": "string",
                     *           "is_primary": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Client"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getJobsStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Job host status */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "healthy": true,
                     *       "heartbeat_ttl_seconds": 0,
                     *       "runners": [
                     *         {
                     *           "runner_id": "string",
                     *           "name": "string",
                     *           "hostname": "string",
                     *           "pid": 0,
                     *           "version": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "last_heartbeat": "2019-08-24T14:15:22Z",
                     *           "age_seconds": 0,
                     *           "stale": true
                     *         }
                     *       ],
                     *       "jobs": [
                     *         {
                     *           "name": "string",
                     *           "last_run_at": "2019-08-24T14:15:22Z",
                     *           "last_success_at": "2019-08-24T14:15:22Z",
                     *           "last_error_at": "2019-08-24T14:15:22Z",
                     *           "last_error_code": "string",
                     *           "success_count": 0,
                     *           "error_count": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JobsStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listOutboxDeadLetters: {
        parameters: {
            query?: {
                /** @description Only events of this kind (default: every kind) */
                kind?: "email" | "sms" | "webhook" | "export";
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Rows to skip (default 0) */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of dead outbox events */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "queue": "outbox",
                     *           "kind": "email",
                     *           "dedupe_key": "string",
                     *           "status": "pending",
                     *           "attempts": 0,
                     *           "last_error": "string",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z",
                     *           "next_attempt_at": "2019-08-24T14:15:22Z",
                     *           "payload_summary": {
                     *             "template": "string",
                     *             "recipient": "string",
                     *             "url_host": "string",
                     *             "event_type": "string",
                     *             "export_id": "string"
                     *           }
                     *         }
                     *       ],
                     *       "total": 0,
                     *       "limit": 1,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["DeadLetterPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replayOutboxEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["ReplayOutboxEventRequest"];
            };
        };
        responses: {
            /** @description The event, pending again */
            202: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "queue": "outbox",
                     *       "kind": "email",
                     *       "dedupe_key": "string",
                     *       "status": "pending",
                     *       "attempts": 0,
                     *       "last_error": "string",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z",
                     *       "next_attempt_at": "2019-08-24T14:15:22Z",
                     *       "payload_summary": {
                     *         "template": "string",
                     *         "recipient": "string",
                     *         "url_host": "string",
                     *         "event_type": "string",
                     *         "export_id": "string"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["DeadLetter"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDeadLetterQueue: {
        parameters: {
            query?: {
                /** @description outbox: mail, text messages and webhooks; export: exports; all (default): both */
                kind?: "outbox" | "export" | "all";
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Rows to skip (default 0) */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dead counts and a page of dead events */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "outbox_dead_count": 0,
                     *       "export_dead_count": 0,
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "queue": "outbox",
                     *           "kind": "email",
                     *           "dedupe_key": "string",
                     *           "status": "pending",
                     *           "attempts": 0,
                     *           "last_error": "string",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z",
                     *           "next_attempt_at": "2019-08-24T14:15:22Z",
                     *           "payload_summary": {
                     *             "template": "string",
                     *             "recipient": "string",
                     *             "url_host": "string",
                     *             "event_type": "string",
                     *             "export_id": "string"
                     *           }
                     *         }
                     *       ],
                     *       "total": 0,
                     *       "limit": 1,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["DeadLetterQueue"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvoiceReconcileReport: {
        parameters: {
            query?: {
                /** @description mismatch (default): only invoices whose books disagree with their payments; all: every issued invoice */
                status?: "mismatch" | "all";
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Rows to skip (default 0) */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the report */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *           "number": "string",
                     *           "status": "DRAFT",
                     *           "currency": "string",
                     *           "due_date": "2019-08-24",
                     *           "total_cents": 0,
                     *           "paid_cents": 0,
                     *           "settled_cents": 0,
                     *           "outstanding_cents": 0,
                     *           "payment_count": 0,
                     *           "succeeded_payment_count": 0,
                     *           "last_payment_at": "2019-08-24T14:15:22Z",
                     *           "mismatch": true,
                     *           "quick_action": {
                     *             "method": "POST",
                     *             "href": "string"
                     *           }
                     *         }
                     *       ],
                     *       "total": 0,
                     *       "limit": 1,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["InvoiceReconcileReport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    reconcileInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                /** @description The invoice */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["ReconcileInvoiceRequest"];
            };
        };
        responses: {
            /** @description The books before and after */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *       "changed": true,
                     *       "before": {
                     *         "status": "DRAFT",
                     *         "paid_cents": 0,
                     *         "outstanding_cents": 0,
                     *         "succeeded_count": 0
                     *       },
                     *       "after": {
                     *         "status": "DRAFT",
                     *         "paid_cents": 0,
                     *         "outstanding_cents": 0,
                     *         "succeeded_count": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InvoiceReconciliation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvoiceQueue: {
        parameters: {
            query?: {
                /** @description overdue: unpaid and past due on the org’s calendar; unpaid: issued with money left to pay; all (default): both (every overdue invoice is unpaid) */
                status?: "overdue" | "unpaid" | "all";
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Rows to skip (default 0) */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts and a page of the queue */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "overdue_count": 0,
                     *       "unpaid_count": 0,
                     *       "items": [
                     *         {
                     *           "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *           "number": "string",
                     *           "status": "DRAFT",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "client_name": "string",
                     *           "currency": "string",
                     *           "total_cents": 0,
                     *           "outstanding_cents": 1,
                     *           "issue_date": "2019-08-24",
                     *           "due_date": "2019-08-24",
                     *           "days_overdue": 0
                     *         }
                     *       ],
                     *       "total": 0,
                     *       "limit": 1,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["InvoiceQueue"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTeams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The teams */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "name": "string",
                     *           "active": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTeam: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string"
                 *     }
                 */
                "application/json": components["schemas"]["CreateTeamRequest"];
            };
        };
        responses: {
            /** @description The new team */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "active": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateTeam: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateTeamRequest"];
            };
        };
        responses: {
            /** @description The updated team */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "active": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWorkers: {
        parameters: {
            query?: {
                /** @description Only members of this team */
                team_id?: string;
                /** @description Only active (true) or inactive (false) workers */
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workers */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "name": "string",
                     *           "phone": "string",
                     *           "email": "string",
                     *           "skills": [
                     *             "string"
                     *           ],
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "working_hours": {
                     *             "mon": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "tue": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "wed": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "thu": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "fri": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "sat": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ],
                     *             "sun": [
                     *               {
                     *                 "start": "string",
                     *                 "end": "string"
                     *               }
                     *             ]
                     *           },
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "active": true,
                     *           "has_portal_password": true,
                     *           "must_change_portal_password": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWorker: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "phone": "+1 212 555 0147",
                 *       "email": "pat@example.com",
                 *       "skills": [
                 *         "deep-clean"
                 *       ],
                 *       "active": true,
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "working_hours": {
                 *         "mon": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "tue": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "wed": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "thu": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "fri": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "sat": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "sun": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateWorkerRequest"];
            };
        };
        responses: {
            /** @description The new worker */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "name": "string",
                     *       "phone": "string",
                     *       "email": "string",
                     *       "skills": [
                     *         "string"
                     *       ],
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "working_hours": {
                     *         "mon": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "tue": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "wed": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "thu": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "fri": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sat": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sun": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ]
                     *       },
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "active": true,
                     *       "has_portal_password": true,
                     *       "must_change_portal_password": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Worker"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWorker: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "name": "string",
                     *       "phone": "string",
                     *       "email": "string",
                     *       "skills": [
                     *         "string"
                     *       ],
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "working_hours": {
                     *         "mon": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "tue": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "wed": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "thu": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "fri": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sat": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sun": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ]
                     *       },
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "active": true,
                     *       "has_portal_password": true,
                     *       "must_change_portal_password": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Worker"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWorker: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "phone": "+1 212 555 0147",
                 *       "email": "pat@example.com",
                 *       "skills": [
                 *         "deep-clean"
                 *       ],
                 *       "active": true,
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "working_hours": {
                 *         "mon": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "tue": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "wed": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "thu": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "fri": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "sat": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ],
                 *         "sun": [
                 *           {
                 *             "start": "09:00",
                 *             "end": "17:00"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateWorkerRequest"];
            };
        };
        responses: {
            /** @description The updated worker */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "name": "string",
                     *       "phone": "string",
                     *       "email": "string",
                     *       "skills": [
                     *         "string"
                     *       ],
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "working_hours": {
                     *         "mon": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "tue": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "wed": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "thu": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "fri": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sat": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sun": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ]
                     *       },
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "active": true,
                     *       "has_portal_password": true,
                     *       "must_change_portal_password": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Worker"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    setWorkerPortalPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "password": "stringstring"
                 *     }
                 */
                "application/json": components["schemas"]["SetWorkerPortalPasswordRequest"];
            };
        };
        responses: {
            /** @description The worker, with temporary_password when none was given */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "worker": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "name": "string",
                     *         "phone": "string",
                     *         "email": "string",
                     *         "skills": [
                     *           "string"
                     *         ],
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "working_hours": {
                     *           "mon": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "tue": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "wed": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "thu": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "fri": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sat": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sun": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ]
                     *         },
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "active": true,
                     *         "has_portal_password": true,
                     *         "must_change_portal_password": true,
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "temporary_password": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerPortalPassword"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listServices: {
        parameters: {
            query?: {
                /** @description Only active (true) or inactive (false) services */
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The services */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "name": "string",
                     *           "duration_minutes": 0,
                     *           "price_minor": 0,
                     *           "deposit_percent_basis": 0,
                     *           "deposit_cents": 0,
                     *           "active": true,
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createService: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "duration_minutes": 15,
                 *       "price_minor": 0,
                 *       "deposit_percent_basis": 1,
                 *       "deposit_cents": 1,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["CreateServiceRequest"];
            };
        };
        responses: {
            /** @description The new service */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "duration_minutes": 0,
                     *       "price_minor": 0,
                     *       "deposit_percent_basis": 0,
                     *       "deposit_cents": 0,
                     *       "active": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Service"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateService: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "string",
                 *       "duration_minutes": 15,
                 *       "price_minor": 0,
                 *       "deposit_percent_basis": 1,
                 *       "deposit_cents": 1,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateServiceRequest"];
            };
        };
        responses: {
            /** @description The updated service */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "duration_minutes": 0,
                     *       "price_minor": 0,
                     *       "deposit_percent_basis": 0,
                     *       "deposit_cents": 0,
                     *       "active": true,
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Service"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBlackouts: {
        parameters: {
            query: {
                /** @description RFC 3339 date-time from 1970-01-01T00:00:00Z to 9999-12-31T00:00:00Z */
                start: string;
                /** @description After start, at most 366 days later (RFC 3339 date-time) */
                end: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blackouts */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "scope": "org",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "reason": "string",
                     *           "created_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["BlackoutList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createBlackout: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "scope": "org",
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                 *       "start": "2026-03-02T09:00:00Z",
                 *       "end": "2026-03-02T09:00:00Z",
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["CreateBlackoutRequest"];
            };
        };
        responses: {
            /** @description The new blackout */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "scope": "org",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "reason": "string",
                     *       "created_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Blackout"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteBlackout: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBookings: {
        parameters: {
            query?: {
                /** @description Window start, RFC 3339 (bookings ending after it count). Default: today’s local midnight in the org’s zone, or 7 days before end */
                start?: string;
                /** @description Window end, RFC 3339 (bookings starting before it count): after start and at most 366 days later. Default: 7 days after start */
                end?: string;
                /** @description Bookings in any of these statuses: comma-separated or repeated */
                status?: string[];
                /** @description Bookings the worker is on (named or through their team) */
                worker_id?: string;
                team_id?: string;
                client_id?: string;
                series_id?: string;
                /** @description Only bookings with no team and no worker */
                unassigned?: boolean;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of bookings, and the window listed */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *           "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "detached": true,
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "status": "pending",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "notes": "string",
                     *           "price_estimate_minor": 0,
                     *           "currency": "string",
                     *           "cancellation_reason": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z",
                     *           "cancelled_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string",
                     *       "window": {
                     *         "start": "2019-08-24T14:15:22Z",
                     *         "end": "2019-08-24T14:15:22Z"
                     *       },
                     *       "time_zone": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["BookingPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the first answer is stored for 48 hours and replayed (with Idempotent-Replayed: true) to a retry with the same key; the same key with another body answers 422. */
                "Idempotency-Key"?: components["parameters"]["Idempotency-Key"];
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                 *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                 *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                 *       "start": "2026-03-02T09:00:00Z",
                 *       "end": "2026-03-02T09:00:00Z",
                 *       "status": "pending",
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ],
                 *       "notes": "string",
                 *       "price_estimate_minor": 0
                 *     }
                 */
                "application/json": components["schemas"]["CreateBookingRequest"];
            };
        };
        responses: {
            /** @description The booking (also for a replay) */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description client.not_found, client.address_not_found, service.not_found (also an inactive one), team.not_found or worker.not_found */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBooking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "notes": "string",
                 *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                 *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                 *       "price_estimate_minor": 0
                 *     }
                 */
                "application/json": components["schemas"]["UpdateBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    assignBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["AssignBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unassignBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UnassignBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    reassignBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["ReassignBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rescheduleBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "start": "2026-03-02T09:00:00Z",
                 *       "end": "2026-03-02T09:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["RescheduleBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changeBookingStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "pending",
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["ChangeBookingStatusRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["CancelBookingRequest"];
            };
        };
        responses: {
            /** @description The booking */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description booking.slot_unavailable (conflicting_booking_id and conflicts[] name who holds the time), booking.blacked_out, booking.invalid_transition, booking.not_plannable, team.inactive or worker.inactive */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBookingHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit entries */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "actor_kind": "string",
                     *           "actor_id": "string",
                     *           "admin_role": "string",
                     *           "action": "string",
                     *           "resource_type": "string",
                     *           "resource_id": "string",
                     *           "before": {},
                     *           "after": {},
                     *           "metadata": {},
                     *           "request_id": "string",
                     *           "created_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["BookingHistory"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createBookingSeries: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                 *       "rule": {
                 *         "freq": "weekly",
                 *         "interval": 1,
                 *         "weekdays": [
                 *           "mon"
                 *         ]
                 *       },
                 *       "start_date": "2026-03-02",
                 *       "time": "09:00",
                 *       "count": 1,
                 *       "until": "2026-03-02",
                 *       "duration_minutes": 15,
                 *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                 *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ],
                 *       "notes": "string",
                 *       "price_estimate_minor": 0,
                 *       "horizon_days": 1
                 *     }
                 */
                "application/json": components["schemas"]["CreateBookingSeriesRequest"];
            };
        };
        responses: {
            /** @description The series, the occurrences made, and those made without their people */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "series": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *         "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *         "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *         "rule": {
                     *           "freq": "weekly",
                     *           "interval": 0,
                     *           "weekdays": [
                     *             "mon"
                     *           ]
                     *         },
                     *         "start_date": "2019-08-24",
                     *         "time": "string",
                     *         "duration_minutes": 0,
                     *         "time_zone": "string",
                     *         "count": 0,
                     *         "until": "2019-08-24",
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "worker_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "price_estimate_minor": 0,
                     *         "currency": "string",
                     *         "generated_through": "2019-08-24",
                     *         "ended_on": "2019-08-24",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "created": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *           "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "detached": true,
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "status": "pending",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "notes": "string",
                     *           "price_estimate_minor": 0,
                     *           "currency": "string",
                     *           "cancellation_reason": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z",
                     *           "cancelled_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "unassigned": [
                     *         {
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "date": "2019-08-24",
                     *           "code": "booking.slot_unavailable",
                     *           "reason": "string",
                     *           "details": {}
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["BookingSeriesResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such client, address of the client, active service, team or worker in this org (another org’s id answers the same) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBookingSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "series": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *         "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *         "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *         "rule": {
                     *           "freq": "weekly",
                     *           "interval": 0,
                     *           "weekdays": [
                     *             "mon"
                     *           ]
                     *         },
                     *         "start_date": "2019-08-24",
                     *         "time": "string",
                     *         "duration_minutes": 0,
                     *         "time_zone": "string",
                     *         "count": 0,
                     *         "until": "2019-08-24",
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "worker_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "price_estimate_minor": 0,
                     *         "currency": "string",
                     *         "generated_through": "2019-08-24",
                     *         "ended_on": "2019-08-24",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "upcoming": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *           "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "detached": true,
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "status": "pending",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "notes": "string",
                     *           "price_estimate_minor": 0,
                     *           "currency": "string",
                     *           "cancellation_reason": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z",
                     *           "cancelled_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["BookingSeriesDetail"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateBookingSeriesFrom: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_date": "2026-03-02",
                 *       "rule": {
                 *         "freq": "weekly",
                 *         "interval": 1,
                 *         "weekdays": [
                 *           "mon"
                 *         ]
                 *       },
                 *       "time": "09:00",
                 *       "duration_minutes": 15,
                 *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                 *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                 *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                 *       "worker_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ],
                 *       "notes": "string",
                 *       "price_estimate_minor": 0,
                 *       "horizon_days": 1
                 *     }
                 */
                "application/json": components["schemas"]["UpdateBookingSeriesFromRequest"];
            };
        };
        responses: {
            /** @description The ended series (previous), the new one and its occurrences */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "previous": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *         "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *         "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *         "rule": {
                     *           "freq": "weekly",
                     *           "interval": 0,
                     *           "weekdays": [
                     *             "mon"
                     *           ]
                     *         },
                     *         "start_date": "2019-08-24",
                     *         "time": "string",
                     *         "duration_minutes": 0,
                     *         "time_zone": "string",
                     *         "count": 0,
                     *         "until": "2019-08-24",
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "worker_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "price_estimate_minor": 0,
                     *         "currency": "string",
                     *         "generated_through": "2019-08-24",
                     *         "ended_on": "2019-08-24",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "series": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *         "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *         "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *         "rule": {
                     *           "freq": "weekly",
                     *           "interval": 0,
                     *           "weekdays": [
                     *             "mon"
                     *           ]
                     *         },
                     *         "start_date": "2019-08-24",
                     *         "time": "string",
                     *         "duration_minutes": 0,
                     *         "time_zone": "string",
                     *         "count": 0,
                     *         "until": "2019-08-24",
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "worker_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "price_estimate_minor": 0,
                     *         "currency": "string",
                     *         "generated_through": "2019-08-24",
                     *         "ended_on": "2019-08-24",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "created": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *           "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "detached": true,
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "status": "pending",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "notes": "string",
                     *           "price_estimate_minor": 0,
                     *           "currency": "string",
                     *           "cancellation_reason": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z",
                     *           "cancelled_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "unassigned": [
                     *         {
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "date": "2019-08-24",
                     *           "code": "booking.slot_unavailable",
                     *           "reason": "string",
                     *           "details": {}
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["BookingSeriesContinuation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    skipBookingSeriesOccurrence: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "date": "2026-03-02"
                 *     }
                 */
                "application/json": components["schemas"]["SkipBookingSeriesOccurrenceRequest"];
            };
        };
        responses: {
            /** @description The skipped occurrence */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *       "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "detached": true,
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "status": "pending",
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "notes": "string",
                     *       "price_estimate_minor": 0,
                     *       "currency": "string",
                     *       "cancellation_reason": "string",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z",
                     *       "cancelled_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Booking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelBookingSeries: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from_date": "2026-03-02",
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["CancelBookingSeriesRequest"];
            };
        };
        responses: {
            /** @description The ended series and how many occurrences were cancelled */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "series": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *         "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *         "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *         "rule": {
                     *           "freq": "weekly",
                     *           "interval": 0,
                     *           "weekdays": [
                     *             "mon"
                     *           ]
                     *         },
                     *         "start_date": "2019-08-24",
                     *         "time": "string",
                     *         "duration_minutes": 0,
                     *         "time_zone": "string",
                     *         "count": 0,
                     *         "until": "2019-08-24",
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "worker_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "price_estimate_minor": 0,
                     *         "currency": "string",
                     *         "generated_through": "2019-08-24",
                     *         "ended_on": "2019-08-24",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "cancelled": 0
                     *     }
                     */
                    "application/json": components["schemas"]["BookingSeriesCancellation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    checkScheduleConflicts: {
        parameters: {
            query: {
                /** @description Start of the window (inclusive) */
                start: string;
                /** @description End of the window (exclusive): after start, at most 168 hours later */
                end: string;
                /** @description The team that would take it */
                team_id?: string;
                /** @description The worker who would take it */
                worker_id?: string;
                /** @description Ignored as a clash (the booking being moved); without team and worker, its own people are checked */
                booking_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conflicts; available is true when none blocks */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "window": {
                     *         "start": "2019-08-24T14:15:22Z",
                     *         "end": "2019-08-24T14:15:22Z"
                     *       },
                     *       "available": true,
                     *       "conflicts": [
                     *         {
                     *           "kind": "booking",
                     *           "blocking": true,
                     *           "reason": "string",
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "blackout_id": "f3d47f41-055f-4125-aa0d-15faaa576b34",
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ConflictReport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such team, worker or booking in this org (another org’s id answers the same) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    suggestScheduleAssignees: {
        parameters: {
            query: {
                /** @description Start of the window (inclusive) */
                start: string;
                /** @description End of the window (exclusive): after start, at most 168 hours later */
                end: string;
                /** @description Skill tags, comma-separated or repeated (at most 20) */
                skill_tags?: string[];
                /** @description Ignored as a clash (the booking being reassigned) */
                booking_id?: string;
                /** @description How many teams and how many workers to answer at most, best first (default 20) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestions */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "window": {
                     *         "start": "2019-08-24T14:15:22Z",
                     *         "end": "2019-08-24T14:15:22Z"
                     *       },
                     *       "blocked_by": [
                     *         {
                     *           "kind": "booking",
                     *           "blocking": true,
                     *           "reason": "string",
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "blackout_id": "f3d47f41-055f-4125-aa0d-15faaa576b34",
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "total": {
                     *         "teams": 0,
                     *         "workers": 0
                     *       },
                     *       "teams": [
                     *         {
                     *           "team": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string"
                     *           },
                     *           "member_count": 0,
                     *           "load_minutes": 0,
                     *           "rank": 0,
                     *           "reasons": [
                     *             "string"
                     *           ]
                     *         }
                     *       ],
                     *       "workers": [
                     *         {
                     *           "worker": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string",
                     *             "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *             "team_name": "string"
                     *           },
                     *           "skills_matched": [
                     *             "string"
                     *           ],
                     *           "skills_missing": [
                     *             "string"
                     *           ],
                     *           "within_working_hours": true,
                     *           "load_minutes": 0,
                     *           "rank": 0,
                     *           "reasons": [
                     *             "string"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AssigneeSuggestions"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such booking in this org (another org’s id answers the same) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getScheduleBoard: {
        parameters: {
            query?: {
                /** @description Start of the range (inclusive); without start and end: today in the org’s zone and the 6 days after */
                start?: string;
                /** @description End of the range (exclusive): after start, at most 14 days later; with only one of them, the other is 7 days away */
                end?: string;
                /** @description Only this team’s workers (and no unassigned bookings) */
                team_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The board */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "window": {
                     *         "start": "2019-08-24T14:15:22Z",
                     *         "end": "2019-08-24T14:15:22Z"
                     *       },
                     *       "time_zone": "string",
                     *       "workers": [
                     *         {
                     *           "worker": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string",
                     *             "phone": "string",
                     *             "email": "string",
                     *             "skills": [
                     *               "string"
                     *             ],
                     *             "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *             "working_hours": {
                     *               "mon": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "tue": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "wed": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "thu": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "fri": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "sat": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ],
                     *               "sun": [
                     *                 {
                     *                   "start": "string",
                     *                   "end": "string"
                     *                 }
                     *               ]
                     *             },
                     *             "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *             "active": true,
                     *             "has_portal_password": true,
                     *             "must_change_portal_password": true,
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           },
                     *           "bookings": [
                     *             {
                     *               "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *               "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *               "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *               "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *               "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *               "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *               "occurrence_date": "2019-08-24",
                     *               "detached": true,
                     *               "starts_at": "2019-08-24T14:15:22Z",
                     *               "ends_at": "2019-08-24T14:15:22Z",
                     *               "time_zone": "string",
                     *               "local_starts_at": "2019-08-24T14:15:22Z",
                     *               "local_ends_at": "2019-08-24T14:15:22Z",
                     *               "status": "pending",
                     *               "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *               "workers": [
                     *                 {
                     *                   "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *                   "via_team": true
                     *                 }
                     *               ],
                     *               "notes": "string",
                     *               "price_estimate_minor": 0,
                     *               "currency": "string",
                     *               "cancellation_reason": "string",
                     *               "started_at": "2019-08-24T14:15:22Z",
                     *               "completed_at": "2019-08-24T14:15:22Z",
                     *               "cancelled_at": "2019-08-24T14:15:22Z",
                     *               "created_at": "2019-08-24T14:15:22Z",
                     *               "updated_at": "2019-08-24T14:15:22Z",
                     *               "client": {
                     *                 "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *                 "name": "string"
                     *               },
                     *               "address": {
                     *                 "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *                 "label": "string",
                     *                 "line1": "string",
                     *                 "line2": "string",
                     *                 "city": "string",
                     *                 "region": "string",
                     *                 "postal_code": "string",
                     *                 "country": "string",
                     *                 "access_notes": "string",
                     *                 "is_primary": true,
                     *                 "created_at": "2019-08-24T14:15:22Z",
                     *                 "updated_at": "2019-08-24T14:15:22Z"
                     *               },
                     *               "service_name": "string"
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "unassigned": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *           "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *           "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "detached": true,
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "status": "pending",
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "notes": "string",
                     *           "price_estimate_minor": 0,
                     *           "currency": "string",
                     *           "cancellation_reason": "string",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z",
                     *           "cancelled_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z",
                     *           "client": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string"
                     *           },
                     *           "address": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "label": "string",
                     *             "line1": "string",
                     *             "line2": "string",
                     *             "city": "string",
                     *             "region": "string",
                     *             "postal_code": "string",
                     *             "country": "string",
                     *             "access_notes": "string",
                     *             "is_primary": true,
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           },
                     *           "service_name": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ScheduleBoard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such team in this org (another org’s id answers the same) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAssignmentQueue: {
        parameters: {
            query?: {
                /** @description Days ahead (default 7) */
                days?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the queue */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "booking": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *             "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *             "address_id": "a32b0e3d-a5f5-48d8-a572-6ae561815055",
                     *             "service_id": "641e839f-864e-4cce-98f9-40f6cbb3e9e0",
                     *             "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *             "occurrence_date": "2019-08-24",
                     *             "detached": true,
                     *             "starts_at": "2019-08-24T14:15:22Z",
                     *             "ends_at": "2019-08-24T14:15:22Z",
                     *             "time_zone": "string",
                     *             "local_starts_at": "2019-08-24T14:15:22Z",
                     *             "local_ends_at": "2019-08-24T14:15:22Z",
                     *             "status": "pending",
                     *             "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *             "workers": [
                     *               {
                     *                 "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *                 "via_team": true
                     *               }
                     *             ],
                     *             "notes": "string",
                     *             "price_estimate_minor": 0,
                     *             "currency": "string",
                     *             "cancellation_reason": "string",
                     *             "started_at": "2019-08-24T14:15:22Z",
                     *             "completed_at": "2019-08-24T14:15:22Z",
                     *             "cancelled_at": "2019-08-24T14:15:22Z",
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           },
                     *           "urgent": true
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AssignmentQueuePage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvoicePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoice PDF */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Content-Disposition": components["headers"]["Content-Disposition"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInvoices: {
        parameters: {
            query?: {
                /** @description Repeat for several (status=SENT&status=OVERDUE) */
                status?: ("DRAFT" | "SENT" | "PARTIAL" | "PAID" | "OVERDUE" | "VOID")[];
                client_id?: string;
                /** @description Issued on or after this local date (drafts, having none, are left out) */
                issued_from?: string;
                /** @description Issued on or before this local date */
                issued_to?: string;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Page size (default 50) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of invoices */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "number": "string",
                     *           "status": "DRAFT",
                     *           "currency": "str",
                     *           "issue_date": "2019-08-24",
                     *           "due_date": "2019-08-24",
                     *           "payment_terms_days": 0,
                     *           "client": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string",
                     *             "email": "string"
                     *           },
                     *           "booking_ids": [
                     *             "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *           ],
                     *           "notes": "string",
                     *           "lines": [
                     *             {
                     *               "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *               "position": 0,
                     *               "description": "string",
                     *               "quantity": 0,
                     *               "unit_price_cents": 0,
                     *               "tax_rate_basis": 0,
                     *               "line_total_cents": 0,
                     *               "line_tax_cents": 0,
                     *               "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *             }
                     *           ],
                     *           "subtotal_cents": 0,
                     *           "taxable_subtotal_cents": 0,
                     *           "tax_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "total_cents": 0,
                     *           "paid_cents": 0,
                     *           "outstanding_cents": 0,
                     *           "credit_cents": 0,
                     *           "sent_at": "2019-08-24T14:15:22Z",
                     *           "paid_at": "2019-08-24T14:15:22Z",
                     *           "voided_at": "2019-08-24T14:15:22Z",
                     *           "void_reason": "string",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["InvoicePage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the first answer is stored for 48 hours and replayed (with Idempotent-Replayed: true) to a retry with the same key; the same key with another body answers 422. */
                "Idempotency-Key"?: components["parameters"]["Idempotency-Key"];
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                 *       "lines": [
                 *         {
                 *           "description": "string",
                 *           "quantity": 2.5,
                 *           "unit_price_cents": 0,
                 *           "tax_rate_basis": 0,
                 *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                 *         }
                 *       ],
                 *       "booking_ids": [
                 *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                 *       ],
                 *       "notes": "string",
                 *       "payment_terms_days": 0
                 *     }
                 */
                "application/json": components["schemas"]["CreateInvoiceRequest"];
            };
        };
        responses: {
            /** @description The draft (also for a replay) */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "number": "string",
                     *       "status": "DRAFT",
                     *       "currency": "str",
                     *       "issue_date": "2019-08-24",
                     *       "due_date": "2019-08-24",
                     *       "payment_terms_days": 0,
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "name": "string",
                     *         "email": "string"
                     *       },
                     *       "booking_ids": [
                     *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *       ],
                     *       "notes": "string",
                     *       "lines": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "position": 0,
                     *           "description": "string",
                     *           "quantity": 0,
                     *           "unit_price_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "line_total_cents": 0,
                     *           "line_tax_cents": 0,
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *         }
                     *       ],
                     *       "subtotal_cents": 0,
                     *       "taxable_subtotal_cents": 0,
                     *       "tax_cents": 0,
                     *       "tax_rate_basis": 0,
                     *       "total_cents": 0,
                     *       "paid_cents": 0,
                     *       "outstanding_cents": 0,
                     *       "credit_cents": 0,
                     *       "sent_at": "2019-08-24T14:15:22Z",
                     *       "paid_at": "2019-08-24T14:15:22Z",
                     *       "voided_at": "2019-08-24T14:15:22Z",
                     *       "void_reason": "string",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description client.not_found or booking.not_found */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description client.archived, invoice.booking_not_invoiceable, invoice.currency_mismatch */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInvoicesFromBookings: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from": "2026-03-02",
                 *       "to": "2026-03-02",
                 *       "payment_terms_days": 0
                 *     }
                 */
                "application/json": components["schemas"]["CreateInvoicesFromBookingsRequest"];
            };
        };
        responses: {
            /** @description The drafts made and how many bookings were skipped */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "number": "string",
                     *           "status": "DRAFT",
                     *           "currency": "str",
                     *           "issue_date": "2019-08-24",
                     *           "due_date": "2019-08-24",
                     *           "payment_terms_days": 0,
                     *           "client": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "name": "string",
                     *             "email": "string"
                     *           },
                     *           "booking_ids": [
                     *             "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *           ],
                     *           "notes": "string",
                     *           "lines": [
                     *             {
                     *               "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *               "position": 0,
                     *               "description": "string",
                     *               "quantity": 0,
                     *               "unit_price_cents": 0,
                     *               "tax_rate_basis": 0,
                     *               "line_total_cents": 0,
                     *               "line_tax_cents": 0,
                     *               "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *             }
                     *           ],
                     *           "subtotal_cents": 0,
                     *           "taxable_subtotal_cents": 0,
                     *           "tax_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "total_cents": 0,
                     *           "paid_cents": 0,
                     *           "outstanding_cents": 0,
                     *           "credit_cents": 0,
                     *           "sent_at": "2019-08-24T14:15:22Z",
                     *           "paid_at": "2019-08-24T14:15:22Z",
                     *           "voided_at": "2019-08-24T14:15:22Z",
                     *           "void_reason": "string",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "updated_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "skipped": 0
                     *     }
                     */
                    "application/json": components["schemas"]["InvoiceBatch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoice */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "number": "string",
                     *       "status": "DRAFT",
                     *       "currency": "str",
                     *       "issue_date": "2019-08-24",
                     *       "due_date": "2019-08-24",
                     *       "payment_terms_days": 0,
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "name": "string",
                     *         "email": "string"
                     *       },
                     *       "booking_ids": [
                     *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *       ],
                     *       "notes": "string",
                     *       "lines": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "position": 0,
                     *           "description": "string",
                     *           "quantity": 0,
                     *           "unit_price_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "line_total_cents": 0,
                     *           "line_tax_cents": 0,
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *         }
                     *       ],
                     *       "subtotal_cents": 0,
                     *       "taxable_subtotal_cents": 0,
                     *       "tax_cents": 0,
                     *       "tax_rate_basis": 0,
                     *       "total_cents": 0,
                     *       "paid_cents": 0,
                     *       "outstanding_cents": 0,
                     *       "credit_cents": 0,
                     *       "sent_at": "2019-08-24T14:15:22Z",
                     *       "paid_at": "2019-08-24T14:15:22Z",
                     *       "voided_at": "2019-08-24T14:15:22Z",
                     *       "void_reason": "string",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateDraftInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "lines": [
                 *         {
                 *           "description": "string",
                 *           "quantity": 2.5,
                 *           "unit_price_cents": 0,
                 *           "tax_rate_basis": 0,
                 *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                 *         }
                 *       ],
                 *       "notes": "string",
                 *       "payment_terms_days": 0
                 *     }
                 */
                "application/json": components["schemas"]["UpdateDraftInvoiceRequest"];
            };
        };
        responses: {
            /** @description The draft */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "number": "string",
                     *       "status": "DRAFT",
                     *       "currency": "str",
                     *       "issue_date": "2019-08-24",
                     *       "due_date": "2019-08-24",
                     *       "payment_terms_days": 0,
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "name": "string",
                     *         "email": "string"
                     *       },
                     *       "booking_ids": [
                     *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *       ],
                     *       "notes": "string",
                     *       "lines": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "position": 0,
                     *           "description": "string",
                     *           "quantity": 0,
                     *           "unit_price_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "line_total_cents": 0,
                     *           "line_tax_cents": 0,
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *         }
                     *       ],
                     *       "subtotal_cents": 0,
                     *       "taxable_subtotal_cents": 0,
                     *       "tax_cents": 0,
                     *       "tax_rate_basis": 0,
                     *       "total_cents": 0,
                     *       "paid_cents": 0,
                     *       "outstanding_cents": 0,
                     *       "credit_cents": 0,
                     *       "sent_at": "2019-08-24T14:15:22Z",
                     *       "paid_at": "2019-08-24T14:15:22Z",
                     *       "voided_at": "2019-08-24T14:15:22Z",
                     *       "void_reason": "string",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description invoice.not_draft */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    issueInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["IssueInvoiceRequest"];
            };
        };
        responses: {
            /** @description The issued invoice and its mail’s delivery */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "invoice": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "number": "string",
                     *         "status": "DRAFT",
                     *         "currency": "str",
                     *         "issue_date": "2019-08-24",
                     *         "due_date": "2019-08-24",
                     *         "payment_terms_days": 0,
                     *         "client": {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "name": "string",
                     *           "email": "string"
                     *         },
                     *         "booking_ids": [
                     *           "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *         ],
                     *         "notes": "string",
                     *         "lines": [
                     *           {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "position": 0,
                     *             "description": "string",
                     *             "quantity": 0,
                     *             "unit_price_cents": 0,
                     *             "tax_rate_basis": 0,
                     *             "line_total_cents": 0,
                     *             "line_tax_cents": 0,
                     *             "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *           }
                     *         ],
                     *         "subtotal_cents": 0,
                     *         "taxable_subtotal_cents": 0,
                     *         "tax_cents": 0,
                     *         "tax_rate_basis": 0,
                     *         "total_cents": 0,
                     *         "paid_cents": 0,
                     *         "outstanding_cents": 0,
                     *         "credit_cents": 0,
                     *         "sent_at": "2019-08-24T14:15:22Z",
                     *         "paid_at": "2019-08-24T14:15:22Z",
                     *         "voided_at": "2019-08-24T14:15:22Z",
                     *         "void_reason": "string",
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "delivery": "queued"
                     *     }
                     */
                    "application/json": components["schemas"]["IssuedInvoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description invoice.invalid_transition */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    voidInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["VoidInvoiceRequest"];
            };
        };
        responses: {
            /** @description The void invoice */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "number": "string",
                     *       "status": "DRAFT",
                     *       "currency": "str",
                     *       "issue_date": "2019-08-24",
                     *       "due_date": "2019-08-24",
                     *       "payment_terms_days": 0,
                     *       "client": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "name": "string",
                     *         "email": "string"
                     *       },
                     *       "booking_ids": [
                     *         "497f6eca-6276-4993-bfeb-53cbbbba6f08"
                     *       ],
                     *       "notes": "string",
                     *       "lines": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "position": 0,
                     *           "description": "string",
                     *           "quantity": 0,
                     *           "unit_price_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "line_total_cents": 0,
                     *           "line_tax_cents": 0,
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a"
                     *         }
                     *       ],
                     *       "subtotal_cents": 0,
                     *       "taxable_subtotal_cents": 0,
                     *       "tax_cents": 0,
                     *       "tax_rate_basis": 0,
                     *       "total_cents": 0,
                     *       "paid_cents": 0,
                     *       "outstanding_cents": 0,
                     *       "credit_cents": 0,
                     *       "sent_at": "2019-08-24T14:15:22Z",
                     *       "paid_at": "2019-08-24T14:15:22Z",
                     *       "voided_at": "2019-08-24T14:15:22Z",
                     *       "void_reason": "string",
                     *       "created_at": "2019-08-24T14:15:22Z",
                     *       "updated_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description invoice.invalid_transition */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInvoicePayments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payments */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "provider": "manual",
                     *           "method": "cash",
                     *           "purpose": "balance",
                     *           "status": "pending",
                     *           "amount_cents": 0,
                     *           "refunded_cents": 0,
                     *           "refund_pending_cents": 0,
                     *           "currency": "string",
                     *           "reference": "string",
                     *           "received_at": "2019-08-24T14:15:22Z",
                     *           "created_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordInvoicePayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the first answer is stored for 48 hours and replayed (with Idempotent-Replayed: true) to a retry with the same key; the same key with another body answers 422. */
                "Idempotency-Key"?: components["parameters"]["Idempotency-Key"];
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "method": "cash",
                 *       "amount_cents": 1,
                 *       "tip_cents": 0,
                 *       "reference": "string",
                 *       "received_at": "2026-03-02T09:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["RecordInvoicePaymentRequest"];
            };
        };
        responses: {
            /** @description The payment, its tip, and the invoice’s balance after it (also for a replay) */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payment": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *         "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *         "provider": "manual",
                     *         "method": "cash",
                     *         "purpose": "balance",
                     *         "status": "pending",
                     *         "amount_cents": 0,
                     *         "refunded_cents": 0,
                     *         "refund_pending_cents": 0,
                     *         "currency": "string",
                     *         "reference": "string",
                     *         "received_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "tip": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *         "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *         "provider": "manual",
                     *         "method": "cash",
                     *         "purpose": "balance",
                     *         "status": "pending",
                     *         "amount_cents": 0,
                     *         "refunded_cents": 0,
                     *         "refund_pending_cents": 0,
                     *         "currency": "string",
                     *         "reference": "string",
                     *         "received_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "invoice": {
                     *         "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *         "status": "DRAFT",
                     *         "currency": "string",
                     *         "total_cents": 0,
                     *         "paid_cents": 0,
                     *         "outstanding_cents": 0,
                     *         "credit_cents": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RecordedPayment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description invoice.invalid_transition: the invoice is a draft or void */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refundPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "amount_cents": 1,
                 *       "reason": "string"
                 *     }
                 */
                "application/json": components["schemas"]["RefundPaymentRequest"];
            };
        };
        responses: {
            /** @description The payment after the refund and its invoice’s balance */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "payment": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *         "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *         "provider": "manual",
                     *         "method": "cash",
                     *         "purpose": "balance",
                     *         "status": "pending",
                     *         "amount_cents": 0,
                     *         "refunded_cents": 0,
                     *         "refund_pending_cents": 0,
                     *         "currency": "string",
                     *         "reference": "string",
                     *         "received_at": "2019-08-24T14:15:22Z",
                     *         "created_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "invoice": {
                     *         "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *         "status": "DRAFT",
                     *         "currency": "string",
                     *         "total_cents": 0,
                     *         "paid_cents": 0,
                     *         "outstanding_cents": 0,
                     *         "credit_cents": 0
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RefundedPayment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description payment.not_refundable, or payment.declined by the processor */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description payment.not_configured, or payment.unavailable: the refund is pending, retry the same amount */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInvoiceCheckout: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                invoiceId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["CreateInvoiceCheckoutRequest"];
            };
        };
        responses: {
            /** @description The checkout session */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkout_url": "string",
                     *       "session_id": "string",
                     *       "amount_cents": 0,
                     *       "currency": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description payment.declined (the processor refused), invoice.invalid_transition, invoice.nothing_outstanding */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description payment.not_configured (no processor, or no URL to send the payer back to) or payment.unavailable (retry later) */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getClientCredit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The credit */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "5b3fa7ba-57d3-4017-a65b-d57dcd2db643",
                     *       "credits": [
                     *         {
                     *           "currency": "string",
                     *           "credit_cents": 0,
                     *           "invoices": [
                     *             {
                     *               "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *               "number": "string",
                     *               "credit_cents": 0
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ClientCredit"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordBookingDeposit: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                bookingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "method": "cash",
                 *       "amount_cents": 1,
                 *       "reference": "string",
                 *       "received_at": "2026-03-02T09:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["RecordBookingDepositRequest"];
            };
        };
        responses: {
            /** @description The deposit */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *       "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *       "provider": "manual",
                     *       "method": "cash",
                     *       "purpose": "balance",
                     *       "status": "pending",
                     *       "amount_cents": 0,
                     *       "refunded_cents": 0,
                     *       "refund_pending_cents": 0,
                     *       "currency": "string",
                     *       "reference": "string",
                     *       "received_at": "2019-08-24T14:15:22Z",
                     *       "created_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description deposit.disabled, deposit.not_applicable or booking.not_plannable */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDepositCheckout: {
        parameters: {
            query?: never;
            header?: {
                /** @description While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited). */
                "X-Break-Glass-Token"?: components["parameters"]["X-Break-Glass-Token"];
            };
            path: {
                bookingId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["CreateDepositCheckoutRequest"];
            };
        };
        responses: {
            /** @description The checkout session */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkout_url": "string",
                     *       "session_id": "string",
                     *       "amount_cents": 0,
                     *       "currency": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description deposit.disabled, deposit.not_applicable, booking.not_plannable or payment.declined */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description payment.not_configured (no processor, or no URL to send the payer back to) or payment.unavailable (retry later) */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitPublicLead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "org_slug": "string",
                 *       "name": "string",
                 *       "email": "pat@example.com",
                 *       "phone": "+1 212 555 0147",
                 *       "source": "referral",
                 *       "notes": "string",
                 *       "service_requested": "string",
                 *       "address": {
                 *         "label": "string",
                 *         "line1": "string",
                 *         "line2": "string",
                 *         "city": "string",
                 *         "region": "string",
                 *         "postal_code": "string",
                 *         "country": "US",
                 *         "access_notes": "string"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["SubmitPublicLeadRequest"];
            };
        };
        responses: {
            /** @description Received */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "status": "received"
                     *     }
                     */
                    "application/json": components["schemas"]["PublicLeadReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPublicInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token from the invoice mail */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoice */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "number": "string",
                     *       "org_name": "string",
                     *       "status": "DRAFT",
                     *       "currency": "string",
                     *       "issue_date": "2019-08-24",
                     *       "due_date": "2019-08-24",
                     *       "lines": [
                     *         {
                     *           "description": "string",
                     *           "quantity": 0,
                     *           "unit_price_cents": 0,
                     *           "tax_rate_basis": 0,
                     *           "line_total_cents": 0,
                     *           "line_tax_cents": 0
                     *         }
                     *       ],
                     *       "subtotal_cents": 0,
                     *       "taxable_subtotal_cents": 0,
                     *       "tax_cents": 0,
                     *       "tax_rate_basis": 0,
                     *       "total_cents": 0,
                     *       "paid_cents": 0,
                     *       "outstanding_cents": 0,
                     *       "credit_cents": 0
                     *     }
                     */
                    "application/json": components["schemas"]["PublicInvoice"];
                };
            };
            /** @description invoice.link_invalid */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createPublicInvoiceCheckout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The public invoice link’s token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["CreatePublicInvoiceCheckoutRequest"];
            };
        };
        responses: {
            /** @description The checkout session */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkout_url": "string",
                     *       "session_id": "string",
                     *       "amount_cents": 0,
                     *       "currency": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description invoice.link_invalid */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invoice.nothing_outstanding, or payment.declined by the processor */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description Too many invalid invoice links from this address (Retry-After) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description payment.not_configured or payment.unavailable (retry later) */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveTwilioSms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "From": "string",
                 *       "To": "string",
                 *       "Body": "string",
                 *       "MessageSid": "string",
                 *       "AccountSid": "string",
                 *       "property1": "string",
                 *       "property2": "string"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["TwilioInboundMessage"];
            };
        };
        responses: {
            /** @description Recorded (or ignored): an empty TwiML <Response/> */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    "text/xml": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description The X-Twilio-Signature is missing or does not sign this request */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "org": "string",
                 *       "login": "pat@example.com",
                 *       "password": "string"
                 *     }
                 */
                "application/json": components["schemas"]["WorkerPortalLoginRequest"];
            };
        };
        responses: {
            /** @description The token and the worker */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "must_change_password": true,
                     *       "worker": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "phone": "string",
                     *         "email": "string",
                     *         "skills": [
                     *           "string"
                     *         ],
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "working_hours": {
                     *           "mon": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "tue": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "wed": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "thu": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "fri": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sat": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sun": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ]
                     *         },
                     *         "must_change_password": true
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong credentials (auth.invalid_credentials) */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description Too many failed attempts (Retry-After says when to retry) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "current_password": "string",
                 *       "new_password": "stringstring"
                 *     }
                 */
                "application/json": components["schemas"]["WorkerPortalChangePasswordRequest"];
            };
        };
        responses: {
            /** @description A new token; earlier ones are ended */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Cache-Control": components["headers"]["Cache-Control"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "string",
                     *       "token_type": "Bearer",
                     *       "expires_in": 0,
                     *       "expires_at": "2019-08-24T14:15:22Z",
                     *       "must_change_password": true,
                     *       "worker": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *         "name": "string",
                     *         "phone": "string",
                     *         "email": "string",
                     *         "skills": [
                     *           "string"
                     *         ],
                     *         "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *         "working_hours": {
                     *           "mon": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "tue": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "wed": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "thu": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "fri": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sat": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ],
                     *           "sun": [
                     *             {
                     *               "start": "string",
                     *               "end": "string"
                     *             }
                     *           ]
                     *         },
                     *         "must_change_password": true
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description Too many wrong current passwords (Retry-After says when to retry) */
            429: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *       "name": "string",
                     *       "phone": "string",
                     *       "email": "string",
                     *       "skills": [
                     *         "string"
                     *       ],
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "working_hours": {
                     *         "mon": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "tue": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "wed": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "thu": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "fri": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sat": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ],
                     *         "sun": [
                     *           {
                     *             "start": "string",
                     *             "end": "string"
                     *           }
                     *         ]
                     *       },
                     *       "must_change_password": true
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerSelf"];
                };
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalJobs: {
        parameters: {
            query?: {
                /** @description today: the org’s local day; upcoming (default): from now, `days` ahead */
                scope?: "today" | "upcoming";
                /** @description How far ahead upcoming looks (default 14) */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The jobs */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *           "status": "pending",
                     *           "starts_at": "2019-08-24T14:15:22Z",
                     *           "ends_at": "2019-08-24T14:15:22Z",
                     *           "time_zone": "string",
                     *           "local_starts_at": "2019-08-24T14:15:22Z",
                     *           "local_ends_at": "2019-08-24T14:15:22Z",
                     *           "allowed_actions": [
                     *             "start"
                     *           ],
                     *           "can_start_from": "2019-08-24T14:15:22Z",
                     *           "service_name": "string",
                     *           "notes": "string",
                     *           "client": {
                     *             "name": "string",
                     *             "phone": "string"
                     *           },
                     *           "address": {
                     *             "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *             "label": "string",
                     *             "line1": "string",
                     *             "line2": "string",
                     *             "city": "string",
                     *             "region": "string",
                     *             "postal_code": "string",
                     *             "country": "string",
                     *             "access_notes": "string",
                     *             "is_primary": true,
                     *             "created_at": "2019-08-24T14:15:22Z",
                     *             "updated_at": "2019-08-24T14:15:22Z"
                     *           },
                     *           "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *           "workers": [
                     *             {
                     *               "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *               "via_team": true
                     *             }
                     *           ],
                     *           "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *           "occurrence_date": "2019-08-24",
                     *           "started_at": "2019-08-24T14:15:22Z",
                     *           "completed_at": "2019-08-24T14:15:22Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerJobList"];
                };
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description auth.password_change_required: the password was set by staff; change it first (POST /v1/worker/portal/change-password) */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "status": "pending",
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "allowed_actions": [
                     *         "start"
                     *       ],
                     *       "can_start_from": "2019-08-24T14:15:22Z",
                     *       "service_name": "string",
                     *       "notes": "string",
                     *       "client": {
                     *         "name": "string",
                     *         "phone": "string"
                     *       },
                     *       "address": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string",
                     *         "is_primary": true,
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerJob"];
                };
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description auth.password_change_required: the password was set by staff; change it first (POST /v1/worker/portal/change-password) */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of your jobs (booking.not_found) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalStartJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "status": "pending",
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "allowed_actions": [
                     *         "start"
                     *       ],
                     *       "can_start_from": "2019-08-24T14:15:22Z",
                     *       "service_name": "string",
                     *       "notes": "string",
                     *       "client": {
                     *         "name": "string",
                     *         "phone": "string"
                     *       },
                     *       "address": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string",
                     *         "is_primary": true,
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerJob"];
                };
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description auth.password_change_required: the password was set by staff; change it first (POST /v1/worker/portal/change-password) */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of your jobs (booking.not_found) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description booking.invalid_transition (allowed_actions lists what you may do) or booking.too_early_to_start (can_start_from says when) */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workerPortalCompleteJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *       "status": "pending",
                     *       "starts_at": "2019-08-24T14:15:22Z",
                     *       "ends_at": "2019-08-24T14:15:22Z",
                     *       "time_zone": "string",
                     *       "local_starts_at": "2019-08-24T14:15:22Z",
                     *       "local_ends_at": "2019-08-24T14:15:22Z",
                     *       "allowed_actions": [
                     *         "start"
                     *       ],
                     *       "can_start_from": "2019-08-24T14:15:22Z",
                     *       "service_name": "string",
                     *       "notes": "string",
                     *       "client": {
                     *         "name": "string",
                     *         "phone": "string"
                     *       },
                     *       "address": {
                     *         "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                     *         "label": "string",
                     *         "line1": "string",
                     *         "line2": "string",
                     *         "city": "string",
                     *         "region": "string",
                     *         "postal_code": "string",
                     *         "country": "string",
                     *         "access_notes": "string",
                     *         "is_primary": true,
                     *         "created_at": "2019-08-24T14:15:22Z",
                     *         "updated_at": "2019-08-24T14:15:22Z"
                     *       },
                     *       "team_id": "810007d0-bec5-486c-b5d1-28fcd8a079ba",
                     *       "workers": [
                     *         {
                     *           "worker_id": "ae5fa6f7-c55b-40c1-b40a-b36ac467652b",
                     *           "via_team": true
                     *         }
                     *       ],
                     *       "series_id": "0f6582ac-1e7e-41dc-a63a-24fccd074d0c",
                     *       "occurrence_date": "2019-08-24",
                     *       "started_at": "2019-08-24T14:15:22Z",
                     *       "completed_at": "2019-08-24T14:15:22Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WorkerJob"];
                };
            };
            /** @description No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation */
            401: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description auth.password_change_required: the password was set by staff; change it first (POST /v1/worker/portal/change-password) */
            403: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of your jobs (booking.not_found) */
            404: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description booking.invalid_transition (allowed_actions lists what you may do) or booking.too_early_to_start (can_start_from says when) */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "string",
                 *       "object": "event",
                 *       "type": "string",
                 *       "created": 0,
                 *       "data": {
                 *         "object": {}
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["StripeWebhookEvent"];
            };
        };
        responses: {
            /** @description Received (applied, a duplicate, or ignored) */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "received": true
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookReceived"];
                };
            };
            /** @description The signature does not match the body, or its timestamp is outside the tolerance */
            400: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description No payment processor is configured, or Stripe could not be reached for a re-fetch */
            503: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "string",
                     *       "title": "string",
                     *       "status": 400,
                     *       "detail": "string",
                     *       "instance": "string",
                     *       "code": "auth.admin_read_only",
                     *       "request_id": "string",
                     *       "errors": [
                     *         {
                     *           "pointer": "string",
                     *           "detail": "string",
                     *           "in": "body"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStripeEvents: {
        parameters: {
            query?: {
                /** @description Only events about this invoice */
                invoice_id?: string;
                /** @description Only events about this booking */
                booking_id?: string;
                /** @description Only events with this processed status */
                status?: "received" | "processed" | "ignored" | "failed";
                /** @description Page size (default 50) */
                limit?: number;
                /** @description Rows to skip (default 0) */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of stored Stripe events */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["X-Request-ID"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "event_id": "string",
                     *           "type": "string",
                     *           "created_at": "2019-08-24T14:15:22Z",
                     *           "org_id": "a40f5d1f-d889-42e9-94ea-b9b33585fc6b",
                     *           "invoice_id": "f4c4edb8-11e0-4b33-bcc1-482dc59ebb32",
                     *           "booking_id": "b0ae0641-0cd4-4f7f-8550-dcd550941f4a",
                     *           "processed_status": "received",
                     *           "last_error": "string"
                     *         }
                     *       ],
                     *       "total": 0,
                     *       "limit": 1,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["StripeEventPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
