/** The operators' dead-letter queue (guide 000 "Outbox delivery + DLQ" and "DLQ queue"; guide 003 "Dead Letter Queue Check"). */
import { GetDeadLetterQueue, ListDeadLetters, ReplayOutboxEvent } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { deadLetterJson, deadLetterPageJson, deadLetterQueueJson } from '../../presenters/outbox-presenters.js';

export function outboxRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/outbox/dead-letter',
      operationId: 'listOutboxDeadLetters',
      summary: 'Outbox events delivery gave up on (dead), newest first',
      description:
        'Mail, text messages, webhooks and exports whose last delivery attempt failed for good (after OUTBOX_MAX_ATTEMPTS, or a refusal no retry can fix). Filter by kind; page with limit (1–200, default 50) and offset (0–100000); total counts every match. Each item summarises its payload — template and recipient of a message, host and event type of a webhook — and never shows a token, a message body or a webhook body. Replay one with POST /v1/admin/outbox/{id}/replay.',
      tags: ['Outbox'],
      audience: 'staff',
      permission: 'outbox.view',
      contract: ListDeadLetters.contract,
      responses: { 200: { description: 'A page of dead outbox events', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: deadLetterPageJson(await runtime.core.outbox.listDeadLetters.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/outbox/:id/replay',
      operationId: 'replayOutboxEvent',
      summary: 'Queue a dead outbox event for delivery again',
      description:
        'The event becomes pending, due now, with its attempts reset to 0; the outbox-delivery job sends it on its next pass, so the answer is 202 with the event as queued. Written to the audit log (outbox.replay, with the status and attempts before and after, and the optional reason). 409 outbox.not_dead when the event is not dead — pending, being delivered, sent, or replayed a moment ago by someone else; 404 for an id this org does not have.',
      tags: ['Outbox'],
      audience: 'staff',
      permission: 'outbox.manage',
      contract: ReplayOutboxEvent.contract,
      responses: { 202: { description: 'The event, pending again', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 202, body: deadLetterJson(await runtime.core.outbox.replay.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/queue/dlq',
      operationId: 'getDeadLetterQueue',
      summary: 'The dead-letter queue: dead outbox and export counts, and a page of either',
      description:
        'outbox_dead_count and export_dead_count count the org’s dead events whatever the filter (the pre-deploy check of the operations guide expects both 0). kind=outbox lists dead mail, text messages and webhooks; kind=export dead exports; kind=all (default) both, newest first. limit (1–200, default 50) and offset (0–100000) page in the database; total counts the filtered events.',
      tags: ['Outbox'],
      audience: 'staff',
      permission: 'outbox.view',
      contract: GetDeadLetterQueue.contract,
      responses: { 200: { description: 'Dead counts and a page of dead events', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: deadLetterQueueJson(await runtime.core.outbox.deadLetterQueue.execute(ctx, input)) };
      },
    }),
  ];
}
