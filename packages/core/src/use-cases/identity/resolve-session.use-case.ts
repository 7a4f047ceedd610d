import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { SessionId } from '../../domain/identity/identity-schemas.js';
import { loadSession, type ResolvedSession } from './session-support.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'ResolveSession',
  input: Type.Object({ sessionId: SessionId }, { additionalProperties: false }),
  // The host's own check on every request: it answers domain objects, no JSON view.
  output: null,
});

export type ResolveSessionInput = ContractInput<typeof contract>;

/**
 * Checks on every request that the access token's session is still live: a revoked session's
 * token stops working at once, whatever its expiry.
 * @throws validation.failed — the session id is not a UUID.
 * @throws auth.session_revoked — revoked, expired, unknown, or the membership was deactivated.
 */
export class ResolveSession {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'sessionLookup'>) {}

  execute(ctx: RequestContext, input: ResolveSessionInput): Promise<ResolvedSession> {
    return loadSession(this.deps, ctx, checkInput(contract, input).sessionId);
  }
}
