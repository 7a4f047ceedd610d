/**
 * Helpers of the scheduling suites: an org-bound client that creates teams, workers, services,
 * clients and bookings over HTTP (failing loudly when a setup call does not answer 201), and
 * times relative to the real clock the harness runs on.
 */
import { randomUUID } from 'node:crypto';
import type { ApiHarness, ApiResponse, CallOptions } from './api-harness.js';

const HOUR = 3_600_000;

/** Midnight UTC `days` from today: a day that is in the future whatever the time of day now. */
export function utcDay(days: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}

/** ISO instant `hours` after `base` (fractions allowed). */
export function at(base: Date, hours: number): string {
  return new Date(base.getTime() + hours * HOUR).toISOString();
}

/** ISO instant `hours` from now, on the minute. */
export function fromNow(hours: number): string {
  const t = Date.now() + hours * HOUR;
  return new Date(Math.floor(t / 60_000) * 60_000).toISOString();
}

export class OrgApi {
  constructor(
    readonly h: ApiHarness,
    readonly orgId: string,
    readonly slug: string,
  ) {}

  static async create(h: ApiHarness, overrides: { timeZone?: string } = {}): Promise<OrgApi> {
    const org = await h.newOrg(overrides);
    return new OrgApi(h, org.id, org.slug);
  }

  /** Basic Auth admin acting in this org unless `options` says otherwise. */
  call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    return this.h.api.call<T>(method, path, { org: this.orgId, ...options });
  }

  async expect(status: number, method: string, path: string, body?: unknown): Promise<any> {
    const r = await this.call(method, path, body === undefined ? {} : { body });
    if (r.status !== status) throw new Error(`${method} ${path} answered ${r.status} (expected ${status}): ${r.text}`);
    return r.body;
  }

  team(name = `Team ${randomUUID().slice(0, 6)}`): Promise<any> {
    return this.expect(201, 'POST', '/v1/admin/teams', { name });
  }

  worker(fields: Record<string, unknown> = {}): Promise<any> {
    return this.expect(201, 'POST', '/v1/admin/workers', { name: `Worker ${randomUUID().slice(0, 6)}`, ...fields });
  }

  /**
   * Gives a worker a portal password as the portal requires: staff set a temporary one, the worker
   * signs in with it (by `login`, their phone or email) and chooses `password`. Answers the token
   * the change-password call issued.
   */
  async portalPassword(workerId: string, login: string, password: string): Promise<string> {
    const { temporary_password: temporary } = await this.expect(200, 'POST', `/v1/admin/workers/${workerId}/portal-password`);
    const first = await this.h.api.call('POST', '/v1/worker/portal/login', { as: null, body: { org: this.slug, login, password: temporary } });
    if (first.status !== 200 || first.body.must_change_password !== true) throw new Error(`portal login answered ${first.status}: ${first.text}`);
    const changed = await this.h.api.call('POST', '/v1/worker/portal/change-password', {
      token: first.body.access_token,
      body: { current_password: temporary, new_password: password },
    });
    if (changed.status !== 200) throw new Error(`portal change-password answered ${changed.status}: ${changed.text}`);
    return changed.body.access_token as string;
  }

  service(fields: Record<string, unknown> = {}): Promise<any> {
    return this.expect(201, 'POST', '/v1/admin/services', { name: 'Standard clean', duration_minutes: 120, price_minor: 12000, ...fields });
  }

  client(fields: Record<string, unknown> = {}): Promise<any> {
    return this.expect(201, 'POST', '/v1/admin/clients', { name: `Client ${randomUUID().slice(0, 6)}`, addresses: [{ line1: '12 Mop Lane', city: 'Springfield', access_notes: 'Key in the lockbox 4821' }], ...fields });
  }

  /** POST /v1/admin/bookings, answering the raw response (tests look at 409s). */
  book(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ApiResponse> {
    return this.call('POST', '/v1/admin/bookings', { body, headers });
  }

  async booking(body: Record<string, unknown>): Promise<any> {
    const r = await this.book(body);
    if (r.status !== 201) throw new Error(`booking answered ${r.status}: ${r.text}`);
    return r.body;
  }

  async list(query: string): Promise<any[]> {
    const r = await this.call('GET', `/v1/admin/bookings?${query}`);
    if (r.status !== 200) throw new Error(`list answered ${r.status}: ${r.text}`);
    return r.body.items;
  }
}

export const q = (params: Record<string, string | number | boolean>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
