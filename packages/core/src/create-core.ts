/**
 * Builds every use case from plain port instances, so any Node app can embed the core without a
 * DI container: `const core = createCore({ uow, orgs, ... }); await core.leads.create.execute(ctx, input)`.
 */
import { SystemClock } from './defaults/system-clock.js';
import { RandomIdGenerator } from './defaults/random-id-generator.js';
import type { SystemAuditLog } from './ports/audit-log.port.js';
import type { Clock } from './ports/clock.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { JobMonitor } from './ports/job-monitor.port.js';
import type { OrgDirectory } from './ports/org-directory.port.js';
import type { UnitOfWork } from './ports/unit-of-work.port.js';
import type { SessionLookup, UserAccounts } from './ports/identity-repositories.port.js';
import type { PasswordHasher, SecretSealer, SecretTokens } from './ports/credentials.port.js';
import type { RateLimiter } from './ports/rate-limiter.port.js';
import type { TotpVerifier } from './ports/totp-verifier.port.js';
import type { AccountMailer } from './ports/account-mailer.port.js';
import type { PasswordStrength } from './ports/password-strength.port.js';
import { ScryptPasswordHasher } from './defaults/scrypt-password-hasher.js';
import { RandomSecretTokens } from './defaults/random-secret-tokens.js';
import { AppError } from './errors/app-error.js';
import { BASIC_PASSWORD_STRENGTH, DEFAULT_IDENTITY_OPTIONS, type IdentityOptions } from './use-cases/identity/identity-policy.js';
import { ConfirmPasswordReset, ConfirmSecondFactorReset, RequestCredentialReset } from './use-cases/identity/account-recovery.use-case.js';
import { AcceptInvitation, InviteUser, ListInvitations, ResendInvitation, RevokeInvitation } from './use-cases/iam/invitations.use-case.js';
import { SearchAdmission, type SearchLimits } from './use-cases/shared/search-admission.js';
import { SignIn } from './use-cases/identity/sign-in.use-case.js';
import { RefreshSession } from './use-cases/identity/refresh-session.use-case.js';
import { ChangePassword, GetMe, ResolveSession, SignOut, SwitchOrg } from './use-cases/identity/session-actions.use-case.js';
import { DisableTotp, EnrollTotp, VerifyTotp } from './use-cases/identity/mfa.use-case.js';
import { AuthorizeBreakGlassWrite, StartBreakGlass } from './use-cases/identity/break-glass.use-case.js';
import { BootstrapOrgOwner } from './use-cases/identity/bootstrap-owner.use-case.js';
import { ChangeUserRole, DeactivateUser, ListUsers, LogoutUser, ResetUserPassword } from './use-cases/iam/iam.use-case.js';
import { ListAuditLogs } from './use-cases/audit/list-audit-logs.use-case.js';
import { AddClientAddress, RemoveClientAddress, UpdateClientAddress } from './use-cases/clients/client-addresses.use-case.js';
import { CreateClient } from './use-cases/clients/create-client.use-case.js';
import { GetClient } from './use-cases/clients/get-client.use-case.js';
import { ListClients } from './use-cases/clients/list-clients.use-case.js';
import { UpdateClient } from './use-cases/clients/update-client.use-case.js';
import { ArchiveLead } from './use-cases/leads/archive-lead.use-case.js';
import { ArchiveStaleLeads } from './use-cases/leads/archive-stale-leads.use-case.js';
import { ConvertLead } from './use-cases/leads/convert-lead.use-case.js';
import { CreateLead } from './use-cases/leads/create-lead.use-case.js';
import { GetLead } from './use-cases/leads/get-lead.use-case.js';
import { ListLeads } from './use-cases/leads/list-leads.use-case.js';
import { SubmitPublicLead } from './use-cases/leads/submit-public-lead.use-case.js';
import { UpdateLead } from './use-cases/leads/update-lead.use-case.js';
import { GetJobsStatus } from './use-cases/ops/get-jobs-status.use-case.js';
import { PruneIdempotencyKeys } from './use-cases/ops/prune-idempotency-keys.use-case.js';
import { CreateOrg } from './use-cases/orgs/create-org.use-case.js';
import { GetOrgSettings, UpdateOrgSettings } from './use-cases/orgs/org-settings.use-case.js';
import {
  CreateBlackout,
  CreateService,
  CreateTeam,
  CreateWorker,
  DeleteBlackout,
  GetWorker,
  ListBlackouts,
  ListServices,
  ListTeams,
  ListWorkers,
  SetWorkerPortalPassword,
  UpdateService,
  UpdateTeam,
  UpdateWorker,
} from './use-cases/scheduling/workforce.use-case.js';
import {
  ChangeBookingAssignment,
  ChangeBookingStatus,
  CreateBooking,
  GetBooking,
  GetBookingHistory,
  ListBookings,
  RescheduleBooking,
  UpdateBookingDetails,
} from './use-cases/scheduling/bookings.use-case.js';
import {
  CancelSeriesFrom,
  CreateBookingSeries,
  GenerateSeriesOccurrences,
  GetBookingSeries,
  SkipSeriesOccurrence,
  UpdateSeriesFrom,
} from './use-cases/scheduling/booking-series.use-case.js';
import { CheckConflicts, GetScheduleBoard, ListAssignmentQueue, SuggestAssignees } from './use-cases/scheduling/schedule-queries.use-case.js';
import {
  ChangeWorkerPortalPassword,
  DEFAULT_WORKER_PORTAL_OPTIONS,
  GetWorkerJob,
  GetWorkerProfile,
  ListWorkerJobs,
  ProgressWorkerJob,
  WorkerSignIn,
  WorkerSignOut,
  type WorkerPortalOptions,
} from './use-cases/scheduling/worker-portal.use-case.js';

export interface CorePorts {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  /** The per-request session check, when the store answers it faster than a unit of work. */
  readonly sessionLookup?: SessionLookup;
  /** Brute-force limits of sign-in and one-time codes (a shared store across replicas). */
  readonly rateLimiter: RateLimiter;
  /** One-time codes; without it, enrolling or proving TOTP fails as unavailable. */
  readonly totp?: TotpVerifier;
  /** Encrypts TOTP secrets; without it, enrolling or proving TOTP fails as unavailable. */
  readonly secretSealer?: SecretSealer;
  readonly passwordHasher?: PasswordHasher;
  /** Judges passwords people choose; without it, the core's basic rule (length, repeats, common words). */
  readonly passwordStrength?: PasswordStrength;
  /** Invitations and emailed resets; without it nothing is sent (invitations stay pending). */
  readonly accountMailer?: AccountMailer;
  /** Without it, a per-process random key (system-audit fingerprints then match only within the process). */
  readonly secretTokens?: SecretTokens;
  readonly ids?: IdGenerator;
  readonly clock?: Clock;
}

const unavailable = (what: string) => () => {
  throw new AppError('storage.unavailable', `No ${what} is configured`, { retryable: false });
};
const NO_TOTP: TotpVerifier = { generateSecret: unavailable('TOTP verifier'), keyUri: unavailable('TOTP verifier'), verify: unavailable('TOTP verifier') };
const NO_SEALER: SecretSealer = { seal: unavailable('secret sealer'), open: unavailable('secret sealer') };
const NO_MAIL: AccountMailer = { send: async () => ({ delivered: false }) };

export interface CoreOptions {
  /** Age after which a job runner's heartbeat counts as stale (guide default 180 s). */
  readonly jobHeartbeatTtlSeconds?: number;
  readonly identity?: Partial<IdentityOptions>;
  readonly workerPortal?: Partial<WorkerPortalOptions>;
  /** Text searches running at once (per process, per org); keep the total below the database pool size. */
  readonly search?: Partial<SearchLimits>;
}

export function createCore(ports: CorePorts, options_: CoreOptions = {}) {
  const ids = ports.ids ?? new RandomIdGenerator();
  const clock = ports.clock ?? new SystemClock();
  const { uow, orgs, systemAudit } = ports;
  const options: IdentityOptions = { ...DEFAULT_IDENTITY_OPTIONS, ...options_.identity };
  const credentials = {
    users: ports.userAccounts,
    uow,
    hasher: ports.passwordHasher ?? new ScryptPasswordHasher(),
    totp: ports.totp ?? NO_TOTP,
    sealer: ports.secretSealer ?? NO_SEALER,
    tokens: ports.secretTokens ?? new RandomSecretTokens(),
    limiter: ports.rateLimiter,
    sessionLookup: ports.sessionLookup ?? null,
    ids,
    systemAudit,
    options,
    strength: ports.passwordStrength ?? BASIC_PASSWORD_STRENGTH,
    mailer: ports.accountMailer ?? NO_MAIL,
    orgs,
  };
  const createOrg = new CreateOrg({ orgs, ids });
  const workerCredentials = { uow, ids, hasher: credentials.hasher, limiter: ports.rateLimiter, orgs, strength: credentials.strength };
  const portalOptions: WorkerPortalOptions = { ...DEFAULT_WORKER_PORTAL_OPTIONS, ...options_.workerPortal };
  // One admission for lead and client searches: they share the same database connections.
  const searches = new SearchAdmission(options_.search);
  return {
    clock,
    ids,
    leads: {
      create: new CreateLead({ uow, ids }),
      get: new GetLead({ uow }),
      list: new ListLeads({ uow, searches }),
      update: new UpdateLead({ uow, ids }),
      archive: new ArchiveLead({ uow, ids }),
      convert: new ConvertLead({ uow, ids }),
      submitPublic: new SubmitPublicLead({ uow, orgs, ids, limiter: ports.rateLimiter, systemAudit }),
      archiveStale: new ArchiveStaleLeads({ uow, orgs, systemAudit, ids, jobs: ports.jobMonitor }),
    },
    clients: {
      create: new CreateClient({ uow, ids }),
      get: new GetClient({ uow }),
      list: new ListClients({ uow, searches }),
      update: new UpdateClient({ uow, ids }),
      addAddress: new AddClientAddress({ uow, ids }),
      updateAddress: new UpdateClientAddress({ uow, ids }),
      removeAddress: new RemoveClientAddress({ uow, ids }),
    },
    identity: {
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
    },
    iam: {
      listUsers: new ListUsers(credentials),
      inviteUser: new InviteUser(credentials),
      listInvitations: new ListInvitations(credentials),
      revokeInvitation: new RevokeInvitation(credentials),
      resendInvitation: new ResendInvitation(credentials),
      resetPassword: new ResetUserPassword(credentials),
      changeRole: new ChangeUserRole(credentials),
      deactivate: new DeactivateUser(credentials),
      logoutUser: new LogoutUser(credentials),
    },
    orgs: {
      create: createOrg,
      getSettings: new GetOrgSettings({ uow }),
      updateSettings: new UpdateOrgSettings({ uow, ids }),
    },
    audit: {
      list: new ListAuditLogs({ uow }),
    },
    workforce: {
      createTeam: new CreateTeam({ uow, ids }),
      updateTeam: new UpdateTeam({ uow, ids }),
      listTeams: new ListTeams({ uow }),
      createWorker: new CreateWorker({ uow, ids }),
      updateWorker: new UpdateWorker({ uow, ids }),
      getWorker: new GetWorker({ uow }),
      listWorkers: new ListWorkers({ uow }),
      setWorkerPassword: new SetWorkerPortalPassword({ uow, ids, hasher: credentials.hasher, tokens: credentials.tokens, strength: credentials.strength }),
      createService: new CreateService({ uow, ids }),
      updateService: new UpdateService({ uow, ids }),
      listServices: new ListServices({ uow }),
      createBlackout: new CreateBlackout({ uow, ids }),
      deleteBlackout: new DeleteBlackout({ uow, ids }),
      listBlackouts: new ListBlackouts({ uow }),
    },
    bookings: {
      create: new CreateBooking({ uow, ids }),
      get: new GetBooking({ uow }),
      list: new ListBookings({ uow }),
      updateDetails: new UpdateBookingDetails({ uow, ids }),
      changeAssignment: new ChangeBookingAssignment({ uow, ids }),
      reschedule: new RescheduleBooking({ uow, ids }),
      changeStatus: new ChangeBookingStatus({ uow, ids }),
      history: new GetBookingHistory({ uow }),
    },
    series: {
      create: new CreateBookingSeries({ uow, ids }),
      get: new GetBookingSeries({ uow }),
      updateFrom: new UpdateSeriesFrom({ uow, ids }),
      skip: new SkipSeriesOccurrence({ uow, ids }),
      cancelFrom: new CancelSeriesFrom({ uow, ids }),
      generate: new GenerateSeriesOccurrences({ uow, ids, orgs, systemAudit, jobs: ports.jobMonitor }),
    },
    schedule: {
      conflicts: new CheckConflicts({ uow }),
      suggestions: new SuggestAssignees({ uow }),
      board: new GetScheduleBoard({ uow }),
      assignmentQueue: new ListAssignmentQueue({ uow }),
    },
    workerPortal: {
      signIn: new WorkerSignIn(workerCredentials),
      profile: new GetWorkerProfile({ uow }),
      changePassword: new ChangeWorkerPortalPassword(workerCredentials),
      signOut: new WorkerSignOut({ uow, ids }),
      jobs: new ListWorkerJobs({ uow, options: portalOptions }),
      job: new GetWorkerJob({ uow, options: portalOptions }),
      progress: new ProgressWorkerJob({ uow, ids, options: portalOptions }),
    },
    ops: {
      pruneIdempotencyKeys: new PruneIdempotencyKeys({ orgs, uow, systemAudit, ids, jobs: ports.jobMonitor }),
      jobsStatus: new GetJobsStatus({ jobs: ports.jobMonitor, heartbeatTtlSeconds: options_.jobHeartbeatTtlSeconds ?? 180 }),
    },
  };
}

export type Core = ReturnType<typeof createCore>;
