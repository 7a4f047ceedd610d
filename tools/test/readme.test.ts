/** The README is part of the product: its embedding example must run, and its commands exist. */
import { expect } from 'chai';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');

describe('README', () => {
  it('embedding example runs as written and creates the lead it shows', async () => {
    const section = readme.slice(readme.indexOf('## Embedding the core'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code, 'the ts block of "Embedding the core"').to.be.a('string');
    const file = `${root}tools/test/readme-snippet.generated.ts`;
    writeFileSync(file, `${code}\nexport const leads = await core.leads.list.execute(ctx, {});\n`);
    try {
      const mod = (await import(pathToFileURL(file).href)) as { leads: { items: Array<{ name: string; email: string }> } };
      expect(mod.leads.items.map((l) => [l.name, l.email])).to.deep.equal([['Ada', 'ada@example.com']]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts);
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!);
    expect(named.length).to.be.greaterThan(5);
    expect(named.filter((n) => !scripts.includes(n))).to.deep.equal([]);
    expect(readme).to.include('npm test').and.include('npm start').and.include('npm install');
  });
});
