/**
 * The /docs page builder: a nonce per page that the policy and the one inline script share, no
 * other origin anywhere, escaped problem titles, and the Redoc bundle it names installed.
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { DOCS_ASSETS_PATH, REDOC_BUNDLE_FILE, REDOC_VERSION, docsAssets, docsContentSecurityPolicy, docsPage } from '../src/routing/docs-page.js';

const options = {
  title: 'API <reference>',
  specUrl: '/openapi.json',
  redocScript: `${DOCS_ASSETS_PATH}/redoc-${REDOC_VERSION}.standalone.js`,
  problems: [{ code: 'lead.not_found', status: 404, title: 'Lead "not" <found>', href: '/problems/lead/not_found' }],
};

describe('docs page (Redoc)', () => {
  it('shares one fresh nonce between the policy and the inline script', () => {
    const a = docsPage(options);
    const b = docsPage(options);
    const nonce = /'nonce-([^']+)'/.exec(a.contentSecurityPolicy)?.[1];
    expect(nonce).to.match(/^[A-Za-z0-9+/]{24}$/);
    expect(a.html).to.include(`<script nonce="${nonce}">Redoc.init("/openapi.json", `);
    expect(b.contentSecurityPolicy).to.not.include(nonce);
    expect(a.contentSecurityPolicy).to.equal(docsContentSecurityPolicy(nonce!));
  });

  it('names no other origin, and loads the bundle from this host', () => {
    const page = docsPage(options);
    expect(page.contentSecurityPolicy).to.not.match(/https?:|\*|\/\//);
    expect(page.contentSecurityPolicy).to.include("default-src 'none'").and.include("frame-ancestors 'none'").and.include('worker-src blob:');
    expect(page.html).to.not.match(/(src|href)="(https?:)?\/\//);
    expect(page.html).to.include(`<script src="/docs/assets/redoc-${REDOC_VERSION}.standalone.js"></script>`);
  });

  it('escapes what it prints', () => {
    const page = docsPage(options);
    expect(page.html).to.include('<title>API &lt;reference&gt;</title>');
    expect(page.html).to.include('<a href="/problems/lead/not_found"><code>lead.not_found</code></a></td><td>404</td><td>Lead &quot;not&quot; &lt;found&gt;</td>');
  });

  it('serves the installed Redoc standalone bundle under a name with its version', async () => {
    const assets = docsAssets();
    expect(assets.redoc.name).to.equal(`redoc-${REDOC_VERSION}.standalone.js`);
    expect([...assets.byName.keys()]).to.deep.equal([assets.redoc.name]);
    expect(REDOC_BUNDLE_FILE).to.match(/node_modules[\\/]redoc[\\/]bundles[\\/]redoc\.standalone\.js$/);
    const bytes = await assets.redoc.read();
    expect(bytes.equals(await readFile(REDOC_BUNDLE_FILE))).to.equal(true);
    expect(bytes.toString('utf8', 0, 400)).to.include('e.Redoc=');
  });
});
