import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Nullable, Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { PresentedPassword } from '../../domain/identity/identity-schemas.js';
import { WorkerLogin, WorkerTokenView } from '../../domain/scheduling/worker-portal-schemas.js';
import { workerView, type WorkerView } from '../../domain/scheduling/workforce-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { reserveAttempt, signInBudgets } from '../identity/identity-policy.js';
import type { Attempt } from '../identity/sign-in.use-case.js';
import type { WorkerPortalDeps } from './worker-portal-options.js';
import { WORKER_LOGIN_FAILURES_BY_ACCOUNT, WORKER_LOGIN_FAILURES_BY_IP, invalidCredentials } from './worker-portal-support.js';

const contract = defineContract({
  name: 'WorkerSignIn',
  input: Type.Object(
    {
      org: Type.Optional(Text(63, { description: 'The org’s slug (any case); without it, DEFAULT_ORG_ID (or the only org)' })),
      orgId: Type.Optional(Nullable(Uuid({ description: 'The org by id, when the host chose it (DEFAULT_ORG_ID, the only org) and no slug was given' }))),
      login: WorkerLogin,
      password: PresentedPassword,
    },
    { additionalProperties: false },
  ),
  output: WorkerTokenView,
});

export type WorkerSignInInput = ContractInput<typeof contract>;

export interface WorkerSignInResult {
  readonly worker: WorkerView;
  readonly orgId: string;
}

/**
 * Checks a portal password. Unknown orgs, unknown logins, inactive workers and wrong passwords
 * answer alike, take as long (a hash is checked either way) and spend the same budgets: the
 * attempt is counted against the login (per org slug) and the address before the hash, so
 * concurrent guesses check at most the limit; a right password gives it back. The host issues
 * the session (its answer is the contract's output: a token and the worker). The attempt's
 * address (null when unknown) is counted and audited, as a staff sign-in's is.
 * @throws validation.failed — the login is neither a phone nor an email, or no org is named.
 * @throws auth.invalid_credentials, request.rate_limited
 */
export class WorkerSignIn {
  static readonly contract = contract;

  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: WorkerPortalDeps) {}

  async execute(attempt: Attempt, input: WorkerSignInInput): Promise<WorkerSignInResult> {
    const checked = checkInput(contract, input);
    const clientIp = attempt.clientIp ?? null;
    const login = checked.login;
    const byEmail = login.includes('@');
    const slug = checked.org === undefined ? null : checked.org.toLowerCase();
    const chosen = checked.orgId ?? null;
    if (slug === null && chosen === null) {
      throw AppError.validation([{ pointer: '/org', detail: 'is required: name your organisation by its slug' }], '/org is required: name your organisation by its slug');
    }
    const reserved = await reserveAttempt(
      this.deps.limiter,
      signInBudgets(`worker:${slug ?? chosen}:${login}`, clientIp, { account: WORKER_LOGIN_FAILURES_BY_ACCOUNT, ip: WORKER_LOGIN_FAILURES_BY_IP }),
    );
    const orgId = slug === null ? chosen : ((await this.deps.orgs.findBySlug(slug))?.id ?? null);
    const ctx = (id: string): RequestContext => ({ orgId: id, actor: { kind: 'public', id: 'worker-portal-login', role: null }, requestId: attempt.requestId, now: attempt.now });
    const worker = orgId === null ? null : await this.deps.uow.run(ctx(orgId), (repos) => repos.workers.findByLogin(byEmail ? { email: login } : { phone: login }));
    this.dummyHash ??= this.deps.hasher.hash('not-a-real-password-for-timing');
    const hash = worker?.portalPasswordHash ?? (await this.dummyHash);
    const ok = (await this.deps.hasher.verify(hash, checked.password)) && worker !== null && worker.portalPasswordHash !== null && worker.active;
    if (!ok || orgId === null) throw invalidCredentials();
    await reserved.passed();
    await this.deps.uow.run(ctx(orgId), (repos) =>
      repos.audit.append(
        auditEntry({ ...ctx(orgId), actor: { kind: 'worker', id: worker.id, role: null } }, this.deps.ids, {
          action: 'worker.portal_login',
          resourceType: 'worker',
          resourceId: worker.id,
          metadata: { ip: clientIp },
        }),
      ),
    );
    return { worker: workerView(worker), orgId };
  }
}
