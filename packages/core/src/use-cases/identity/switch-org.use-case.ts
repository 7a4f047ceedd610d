import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Membership } from '../../domain/identity/identity.js';
import { SessionId, SessionTokensView } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { issueSession, type IssuedSession } from './session-issuer.js';
import { loadSession } from './session-support.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'SwitchOrg',
  input: Type.Object({ sessionId: SessionId, orgId: Uuid({ description: 'One of the orgs GET /v1/auth/me lists' }) }, { additionalProperties: false }),
  output: SessionTokensView,
});

export type SwitchOrgInput = ContractInput<typeof contract>;

/**
 * A new session in another of the user's orgs. A second factor proven in this session counts
 * there too (it is the same person, moments later).
 * @throws validation.failed — org id not a UUID.
 * @throws auth.session_revoked — the current session ended.
 * @throws auth.forbidden — not an active member of that org.
 */
export class SwitchOrg {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: SwitchOrgInput): Promise<IssuedSession & { membership: Membership }> {
    const { sessionId, orgId } = checkInput(contract, input);
    const current = await loadSession(this.deps, ctx, sessionId);
    const target = (await this.deps.users.membershipsOf(current.user.id)).find((m) => m.orgId === orgId && m.deactivatedAt === null);
    if (target === undefined) throw new AppError('auth.forbidden', 'You are not a member of that organisation');
    const there: RequestContext = { orgId, actor: { kind: 'staff', id: current.user.id, role: target.role }, requestId: ctx.requestId, now: ctx.now };
    const issued = await this.deps.uow.run(there, async (repos) => {
      const session = await issueSession(repos, this.deps, there, target, current.session.mfaVerified);
      await repos.audit.append(
        auditEntry(there, this.deps.ids, { action: 'auth.switch_org', resourceType: 'session', resourceId: session.session.id, metadata: { from_org_id: ctx.orgId } }),
      );
      return session;
    });
    return { ...issued, membership: target };
  }
}
