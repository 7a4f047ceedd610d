/**
 * The API reference at /docs: Redoc (the `redoc` package's standalone bundle) rendering
 * /openapi.json in the browser. This host serves the bundle itself, from node_modules, at a path
 * that names the Redoc version (so it can be cached for good): no CDN, works offline.
 *
 * The page has a Content-Security-Policy of its own, stricter than a default and looser than the
 * API's (`script-src 'none'`, see app.ts), which still applies to every other response:
 *   - scripts: this origin (the bundle) and the one inline init script, by a nonce made anew for
 *     each response (so the page is never cached);
 *   - styles: 'unsafe-inline', because Redoc renders with styled-components, which writes its CSS
 *     into <style> elements at run time, and React sets style attributes; neither can carry a
 *     nonce or a hash. Styles cannot run code, so the scripts stay locked down;
 *   - workers: blob:, because Redoc builds its search index in a worker made from a Blob;
 *   - fetch: this origin (/openapi.json); images and fonts: this origin and data: URIs;
 *   - nothing from any other origin (Redoc's "API docs by Redocly" logo, loaded from Redocly's
 *     CDN, is refused and hides itself), no frames, no plugins, no forms, no <base>.
 *
 * A bar above the reference links the document itself and lists every problem type, each linking
 * to its /problems/<area>/<reason> page, in plain HTML that needs no script.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The pinned Redoc version, as installed. */
export const REDOC_VERSION: string = (require('redoc/package.json') as { version: string }).version;

/** Where the bundle is installed. */
export const REDOC_BUNDLE_FILE: string = require.resolve('redoc/bundles/redoc.standalone.js');

/** Static files served under /docs/assets/: a name that changes with the content, a type and the bytes. */
export interface DocsAsset {
  readonly name: string;
  readonly contentType: string;
  read(): Promise<Buffer>;
}

export const DOCS_ASSETS_PATH = '/docs/assets';

/** A year, immutable: an asset's name changes whenever its bytes do. */
export const DOCS_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

function fileAsset(name: string, file: string, contentType: string): DocsAsset {
  let bytes: Promise<Buffer> | null = null;
  return {
    name,
    contentType,
    read() {
      bytes ??= readFile(file).catch((err: unknown) => {
        bytes = null;
        throw err;
      });
      return bytes;
    },
  };
}

export interface DocsAssets {
  /** The Redoc bundle. */
  readonly redoc: DocsAsset;
  /** Every asset the docs page uses, by name. */
  readonly byName: ReadonlyMap<string, DocsAsset>;
}

/** The docs page's assets; each file is read on its first request and kept. */
export function docsAssets(): DocsAssets {
  const redoc = fileAsset(`redoc-${REDOC_VERSION}.standalone.js`, REDOC_BUNDLE_FILE, 'application/javascript; charset=utf-8');
  return { redoc, byName: new Map([[redoc.name, redoc]]) };
}

/** JSON for a <script> element: `<` escaped, so no string can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const esc = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface ProblemTypeLink {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  /** Its /problems/<area>/<reason> page. */
  readonly href: string;
}

export interface DocsPageOptions {
  readonly title: string;
  /** Where Redoc reads the document. */
  readonly specUrl: string;
  /** The path of the Redoc bundle (under DOCS_ASSETS_PATH). */
  readonly redocScript: string;
  readonly problems: readonly ProblemTypeLink[];
}

export interface DocsPage {
  readonly html: string;
  /** The Content-Security-Policy header the page must be served with (it names the nonce). */
  readonly contentSecurityPolicy: string;
}

export function docsContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Redoc's styled-components writes <style> elements at run time: see the comment at the top.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // Redoc's search index runs in a worker made from a Blob.
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const BAR_HEIGHT_PX = 44;

const STYLE = `
body{margin:0}
.cws-bar{position:fixed;top:0;left:0;right:0;height:${BAR_HEIGHT_PX}px;z-index:100;display:flex;align-items:center;gap:1.25rem;padding:0 1rem;background:#1d2430;color:#fff;font:14px/1.4 system-ui,sans-serif}
.cws-bar a{color:#cfe3ff}
.cws-bar strong{font-weight:600}
.cws-bar details{position:relative}
.cws-bar summary{cursor:pointer;color:#cfe3ff;text-decoration:underline}
.cws-problems{position:absolute;top:30px;left:0;width:min(44rem,90vw);max-height:70vh;overflow:auto;background:#fff;color:#1d2430;border:1px solid #c9d1d9;border-radius:4px;box-shadow:0 6px 24px rgba(0,0,0,.2);padding:.75rem}
.cws-problems a{color:#1565c0}
.cws-problems table{border-collapse:collapse;width:100%}
.cws-problems td,.cws-problems th{border-bottom:1px solid #e3e7eb;padding:3px 6px;text-align:left;vertical-align:top}
.cws-problems code{font:13px ui-monospace,monospace}
#redoc{margin-top:${BAR_HEIGHT_PX}px}
`;

/** The /docs page and the policy to serve it with, with a nonce of its own. */
export function docsPage(options: DocsPageOptions): DocsPage {
  const nonce = randomBytes(18).toString('base64');
  const problemRows = options.problems
    .map((p) => `<tr><td><a href="${esc(p.href)}"><code>${esc(p.code)}</code></a></td><td>${p.status}</td><td>${esc(p.title)}</td></tr>`)
    .join('');
  // Redoc's options: the bar is fixed, so the menu and anchor jumps start below it.
  const redocOptions = { scrollYOffset: BAR_HEIGHT_PX, expandResponses: '200,201', hideDownloadButton: false };
  const init = `Redoc.init(${scriptJson(options.specUrl)}, ${scriptJson(redocOptions)}, document.getElementById('redoc'));`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="cws-bar">
<strong>${esc(options.title)}</strong>
<a href="${esc(options.specUrl)}">OpenAPI document</a>
<details><summary>Problem types</summary><div class="cws-problems">
<p>Every error is <code>application/problem+json</code>; its <code>type</code> is the page of its <code>code</code> below.</p>
<table><thead><tr><th>code</th><th>status</th><th>title</th></tr></thead><tbody>${problemRows}</tbody></table>
</div></details>
</header>
<noscript><p>The reference needs JavaScript. The document itself is at <a href="${esc(options.specUrl)}">${esc(options.specUrl)}</a>.</p></noscript>
<div id="redoc"></div>
<script src="${esc(options.redocScript)}"></script>
<script nonce="${nonce}">${init}</script>
</body>
</html>
`;
  return { html, contentSecurityPolicy: docsContentSecurityPolicy(nonce) };
}
