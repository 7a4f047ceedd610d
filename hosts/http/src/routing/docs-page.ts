/**
 * A readable, self-contained reference page at /docs rendered from the OpenAPI document: no
 * scripts, no external assets (works offline and under a strict CSP).
 */
const esc = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
  'x-permission'?: string;
  'x-roles'?: string[];
  security?: Array<Record<string, unknown>>;
}

export function renderDocsPage(doc: { info: { title: string; version: string; description: string }; paths: Record<string, Record<string, unknown>> }, problems: ReadonlyArray<{ code: string; status: number; title: string }>): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation;
      const params = op.parameters.length
        ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>${op.parameters
            .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`)
            .join('')}</table>`
        : '';
      const body = op.requestBody ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>` : '';
      const responses = `<ul>${Object.entries(op.responses).map(([s, r]) => `<li><b>${esc(s)}</b> ${esc(r.description)}</li>`).join('')}</ul>`;
      const access = op['x-permission']
        ? `<p class="perm">Permission <code>${esc(op['x-permission'])}</code>: ${esc((op['x-roles'] ?? []).join(', '))}</p>`
        : (op.security ?? []).some((s) => 'workerBearerAuth' in s)
          ? '<p class="perm">Worker portal token (POST /v1/worker/portal/login)</p>'
          : '<p class="perm">No authentication</p>';
      const html = `<section id="${esc(op.operationId)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}${access}${params}${body}${responses}</section>`;
      const tag = op.tags[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join('')}`).join('');
  const problemRows = problems.map((p) => `<tr><td><code>${esc(p.code)}</code></td><td>${p.status}</td><td>${esc(p.title)}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}code,pre{font:13px ui-monospace,monospace}pre{background:#f4f6f8;padding:.75rem;overflow:auto}section{border-top:1px solid #e3e7eb;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px}.get{background:#2f7d32}.post{background:#1565c0}.patch{background:#8e24aa}.put{background:#6d4c41}.delete{background:#c62828}.perm{color:#52606d;font-size:13px}table{border-collapse:collapse}td,th{border:1px solid #e3e7eb;padding:2px 6px;text-align:left;vertical-align:top}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${sections}<h2 id="problems">Problem types</h2><p>Every error is <code>application/problem+json</code>; <code>type</code> is <code>/problems/&lt;area&gt;/&lt;reason&gt;</code> for the <code>code</code> below.</p><table><tr><th>code</th><th>status</th><th>title</th></tr>${problemRows}</table></body></html>`;
}
