/**
 * A body as the bytes that arrived, for provider webhooks whose signature covers them (Stripe):
 * read from the raw stream (the JSON parser skips these routes, so nothing re-serialises it),
 * within a limit — 413 as soon as it is passed, declared or not.
 */
import type { ParameterizedContext } from 'koa';

export async function readRawBody(ctx: ParameterizedContext, mediaType: string, limitBytes: number): Promise<Uint8Array> {
  if (!ctx.is(mediaType)) {
    throw Object.assign(new Error('unsupported media type'), { status: 415, expose: true });
  }
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limitBytes) throw Object.assign(new Error('request entity too large'), { status: 413, expose: true });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
