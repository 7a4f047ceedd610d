import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Client } from '../../domain/clients/client.js';
import type { Lead } from '../../domain/leads/lead.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { ClientView } from '../../domain/clients/client-schemas.js';
import { LeadView } from '../../domain/leads/lead-schemas.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { assertClientActive, clientNotFound } from '../clients/client-errors.js';
import { newClient } from '../clients/create-client.use-case.js';
import { leadNotFound } from './get-lead.use-case.js';
import { assertEditable } from './update-lead.use-case.js';

export interface ConvertLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'ConvertLead',
  input: Type.Object(
    { id: Uuid(), clientId: Type.Optional(Uuid({ description: 'Link the lead to this existing client instead of creating one (a returning customer)' })) },
    { additionalProperties: false },
  ),
  output: Type.Object({ lead: LeadView, client: ClientView, clientCreated: Type.Boolean() }, { additionalProperties: false, $id: 'LeadConversion' }),
});

export type ConvertLeadInput = ContractInput<typeof contract>;

export interface ConvertLeadResult {
  readonly lead: Lead;
  readonly client: Client;
  /** True when a new client was created, false when the lead was linked to an existing one. */
  readonly clientCreated: boolean;
}

/**
 * Converts a lead into a client: creates one from the lead's name, contact and service address
 * (or links an existing client), marks the lead `converted`, and audits both, in one transaction.
 * @throws validation.failed — an id is not a UUID.
 * @throws lead.not_found — no such lead in this org.
 * @throws lead.archived — archived leads cannot be converted.
 * @throws lead.already_converted — converted once already; details name the client.
 * @throws client.not_found / client.archived — the client to link is absent or archived.
 */
export class ConvertLead {
  static readonly contract = contract;

  constructor(private readonly deps: ConvertLeadDeps) {}

  async execute(ctx: RequestContext, input: ConvertLeadInput): Promise<ConvertLeadResult> {
    const checked = checkInput(contract, input);
    const id = checked.id;
    const linkTo = checked.clientId ?? null;
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.leads.findById(id, { forUpdate: true });
      if (before === null) throw leadNotFound(id);
      assertEditable(before);

      let client: Client;
      const clientCreated = linkTo === null;
      if (linkTo === null) {
        const address = before.address === null ? [] : [{ ...before.address, isPrimary: true }];
        client = newClient(ctx, this.deps.ids, { name: before.name, email: before.email, phone: before.phone, notes: before.notes }, address, before.id);
        await repos.clients.insert(client);
        await repos.audit.append(
          auditEntry(ctx, this.deps.ids, {
            action: 'client.create',
            resourceType: 'client',
            resourceId: client.id,
            after: snapshot(client),
            metadata: { from_lead_id: before.id },
          }),
        );
      } else {
        const existing = await repos.clients.findById(linkTo);
        if (existing === null) throw clientNotFound(linkTo);
        assertClientActive(existing);
        client = existing;
      }

      const after: Lead = { ...before, status: 'converted', convertedClientId: client.id, convertedAt: ctx.now, updatedAt: ctx.now };
      await repos.leads.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'lead.convert',
          resourceType: 'lead',
          resourceId: before.id,
          before: snapshot(before),
          after: snapshot(after),
          metadata: { client_id: client.id, client_created: clientCreated },
        }),
      );
      return { lead: after, client, clientCreated };
    });
  }
}
