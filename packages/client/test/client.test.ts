/** What createCwsClient adds to openapi-fetch: the base URL, the Bearer token, a fetch of one's own. */
import { expect } from 'chai';
import { createCwsClient, type SchemasOf } from '../src/index.js';

/** A fetch that records each request and answers `body` as JSON. */
function recordingFetch(body: unknown = { items: [], next_cursor: null }) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetch };
}

describe('@cws/client', () => {
  it('sends Authorization: Bearer <token> when given a token, and parses the typed answer', async () => {
    const { requests, fetch } = recordingFetch({ items: [{ name: 'Ada' }], next_cursor: null });
    const cws = createCwsClient({ baseUrl: 'http://api.test', token: 'tok-123', fetch });
    const { data, error } = await cws.GET('/v1/admin/leads', { params: { query: { limit: 5, status: ['new', 'contacted'] } } });
    expect(error).to.equal(undefined);
    expect(data?.items.map((l) => l.name)).to.deep.equal(['Ada']);
    expect(requests).to.have.length(1);
    const url = new URL(requests[0]!.url);
    expect(url.origin + url.pathname).to.equal('http://api.test/v1/admin/leads');
    expect(url.searchParams.get('limit')).to.equal('5');
    expect(url.searchParams.getAll('status'), 'an array parameter is repeated, as the API reads it').to.deep.equal(['new', 'contacted']);
    expect(requests[0]!.headers.get('authorization')).to.equal('Bearer tok-123');
  });

  it('sends no Authorization without a token, and keeps one a request sets itself', async () => {
    const { requests, fetch } = recordingFetch();
    await createCwsClient({ baseUrl: 'http://api.test', fetch }).GET('/v1/admin/leads');
    await createCwsClient({ baseUrl: 'http://api.test', token: 'tok-123', fetch }).GET('/v1/admin/leads', { headers: { Authorization: 'Basic YWRtaW46eA==' } });
    expect(requests.map((r) => r.headers.get('authorization'))).to.deep.equal([null, 'Basic YWRtaW46eA==']);
  });

  it('sends a JSON body and substitutes path parameters', async () => {
    const { requests, fetch } = recordingFetch({});
    const cws = createCwsClient({ baseUrl: 'http://api.test/', fetch });
    await cws.POST('/v1/auth/login', { body: { email: 'owner@example.com', password: 'secret' } });
    await cws.GET('/v1/admin/leads/{id}', { params: { path: { id: '0b7c5a52-0d6e-4c1c-9d55-1f1e0c0a0a0a' } } });
    expect(requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
      'POST http://api.test/v1/auth/login',
      'GET http://api.test/v1/admin/leads/0b7c5a52-0d6e-4c1c-9d55-1f1e0c0a0a0a',
    ]);
    expect(await requests[0]!.json()).to.deep.equal({ email: 'owner@example.com', password: 'secret' });
    expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
  });

  it('refuses an empty token instead of sending "Bearer "', () => {
    expect(() => createCwsClient({ baseUrl: 'http://api.test', token: '' })).to.throw(TypeError, /token is empty/);
  });

  it('names schemas whether or not the document has components.schemas (checked by the compiler)', () => {
    type Lead = { id: string; name: string };
    const withSchemas: SchemasOf<{ schemas: { Lead: Lead } }>['Lead'] = { id: 'l-1', name: 'Ada' };
    type None = SchemasOf<{ schemas: never }>;
    type Missing = SchemasOf<{ responses: never }>;
    const noNames: [keyof None, keyof Missing] extends [never, never] ? true : false = true;
    expect(withSchemas.name).to.equal('Ada');
    expect(noNames).to.equal(true);
  });
});
