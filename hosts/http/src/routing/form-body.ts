/**
 * Form-encoded bodies, for the providers' webhooks that post them (Twilio). Read from the raw
 * stream (the JSON parser leaves other media types alone) within the body limit, and parsed flat:
 * the names exactly as sent (a signature covers them), a repeated name keeping its last value,
 * no `a[b]` nesting and no prototype keys.
 */
import type { ParameterizedContext } from 'koa';

export async function readFormBody(ctx: ParameterizedContext, limitBytes: number): Promise<Record<string, string>> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
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
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) form[name] = value;
  return { ...form };
}
