import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { SessionId } from '../../domain/identity/identity-schemas.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'SignOut',
  input: Type.Object({ sessionId: SessionId }, { additionalProperties: false }),
  output: null,
});

export type SignOutInput = ContractInput<typeof contract>;

/** Ends the session (idempotent) and audits it. */
export class SignOut {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: SignOutInput): Promise<void> {
    const { sessionId } = checkInput(contract, input);
    await this.deps.uow.run(ctx, async (repos) => {
      const session = await repos.sessions.findById(sessionId);
      // Only one's own session: anything else answers as if already signed out.
      if (session === null || session.revokedAt !== null || session.userId !== ctx.actor.id) return;
      await repos.sessions.revoke(session.id, ctx.now, 'logout');
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'auth.logout', resourceType: 'session', resourceId: session.id }));
    });
  }
}
