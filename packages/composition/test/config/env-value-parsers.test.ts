import { expect } from 'chai';
import { findEnvVar, parseBool, parseCidr, parseEnvValue, splitList } from '../../src/config/index.js';
import type { EnvVarSpec, ParseOutcome } from '../../src/config/index.js';

function spec(name: string): EnvVarSpec {
  const found = findEnvVar(name);
  if (found === undefined) throw new Error(`no schema entry ${name}`);
  return found;
}

function failure(outcome: ParseOutcome): { message: string; fix: string } {
  if (outcome.ok) expect.fail(`expected a parse failure, got ${JSON.stringify(outcome.value)}`);
  return outcome;
}

describe('config: env value parsers', () => {
  describe('parseBool', () => {
    for (const word of ['true', 'TRUE', 'True', '1', 'yes', 'YES']) {
      it(`reads ${JSON.stringify(word)} as true`, () => expect(parseBool(word)).to.equal(true));
    }
    for (const word of ['false', 'False', '0', 'no', 'NO']) {
      it(`reads ${JSON.stringify(word)} as false`, () => expect(parseBool(word)).to.equal(false));
    }
    it('rejects other words', () => {
      for (const word of ['on', 'off', 'y', 'n', '2', 'truee']) expect(parseBool(word), word).to.equal(undefined);
    });
    it('says which forms are accepted and quotes the bad value', () => {
      const { message, fix } = failure(parseEnvValue(spec('STRICT_CORS'), 'maybe'));
      expect(message).to.include('true/false, 1/0, yes/no').and.include('"maybe"');
      expect(fix).to.include('STRICT_CORS').and.include('default (false)');
    });
  });

  describe('int', () => {
    it('parses a whole number within range', () => {
      expect(parseEnvValue(spec('PORT'), '8080')).to.deep.equal({ ok: true, value: 8080 });
    });
    it('rejects text that is not a whole number, naming the range', () => {
      for (const raw of ['abc', '80.5', '8e3', '12px']) {
        const { message } = failure(parseEnvValue(spec('PORT'), raw));
        expect(message, raw).to.include('whole number from 1 to 65535');
      }
    });
    it('rejects values outside min..max', () => {
      expect(failure(parseEnvValue(spec('PORT'), '70000')).message).to.include('from 1 to 65535').and.include('"70000"');
      expect(failure(parseEnvValue(spec('PORT'), '0')).message).to.include('from 1 to 65535');
      expect(failure(parseEnvValue(spec('JOBS_PROCESS_EVERY_MS'), '99')).message).to.include('from 100');
      expect(parseEnvValue(spec('JOBS_PROCESS_EVERY_MS'), '100')).to.deep.equal({ ok: true, value: 100 });
    });
  });

  describe('enum, url and uuid', () => {
    it('matches enums case-insensitively and returns the canonical spelling', () => {
      expect(parseEnvValue(spec('LOG_LEVEL'), 'debug')).to.deep.equal({ ok: true, value: 'DEBUG' });
      expect(parseEnvValue(spec('APP_ENV'), 'PROD')).to.deep.equal({ ok: true, value: 'prod' });
      expect(failure(parseEnvValue(spec('APP_ENV'), 'production')).message).to.include('dev, test, prod');
    });
    it('accepts only the URL schemes of the variable', () => {
      expect(parseEnvValue(spec('PUBLIC_BASE_URL'), 'https://api.cleanco.io').ok).to.equal(true);
      expect(failure(parseEnvValue(spec('PUBLIC_BASE_URL'), 'not a url')).message).to.include('not a valid URL');
      expect(failure(parseEnvValue(spec('DATABASE_URL'), 'mysql://u:p@h/db')).message).to.include('postgres://');
      expect(parseEnvValue(spec('DATABASE_URL'), 'postgresql://u@h/db').ok).to.equal(true);
    });
    it('never quotes the value of a secret variable', () => {
      const raw = 'redis//:hunter2-pass@cache';
      const { message, fix } = failure(parseEnvValue(spec('REDIS_URL'), raw));
      expect(message + fix).not.to.include('hunter2');
      expect(message).to.include('hidden');
    });
    it('checks UUIDs', () => {
      const id = '0B9F6A1E-3C2D-4E5F-8A7B-1C2D3E4F5A6B';
      expect(parseEnvValue(spec('DEFAULT_ORG_ID'), id)).to.deep.equal({ ok: true, value: id.toLowerCase() });
      expect(failure(parseEnvValue(spec('DEFAULT_ORG_ID'), 'org-1')).message).to.include('UUID');
    });
  });

  describe('lists', () => {
    it('splits on commas, trims and drops empty items', () => {
      expect(splitList(' a, b ,,c, ')).to.deep.equal(['a', 'b', 'c']);
    });
    it('accepts origins and rejects paths or non-http schemes, naming the bad item', () => {
      expect(parseEnvValue(spec('CORS_ORIGINS'), 'https://app.cleanco.io, http://localhost:5173')).to.deep.equal({
        ok: true,
        value: ['https://app.cleanco.io', 'http://localhost:5173'],
      });
      const { message } = failure(parseEnvValue(spec('CORS_ORIGINS'), 'https://ok.io,https://bad.io/app,ftp://x.io'));
      expect(message).to.include('item 2 of 3').and.include('item 3 of 3').and.not.include('item 1');
    });
    it('accepts IPv4 and IPv6 proxy addresses and rejects anything else', () => {
      expect(parseEnvValue(spec('TRUSTED_PROXY_IPS'), '10.0.0.2, ::1')).to.deep.equal({ ok: true, value: ['10.0.0.2', '::1'] });
      expect(failure(parseEnvValue(spec('TRUSTED_PROXY_IPS'), '10.0.0.0/8')).message).to.include('not an IPv4 or IPv6 address');
    });
  });

  describe('parseCidr', () => {
    it('accepts IPv4 and IPv6 blocks with a prefix in range', () => {
      expect(parseCidr('10.0.0.0/8')).to.deep.equal({ ok: true, cidr: '10.0.0.0/8' });
      expect(parseCidr('0.0.0.0/0')).to.deep.equal({ ok: true, cidr: '0.0.0.0/0' });
      expect(parseCidr('2001:db8::/128')).to.deep.equal({ ok: true, cidr: '2001:db8::/128' });
    });
    it('normalises a bare address to a single-host block', () => {
      expect(parseCidr('192.0.2.7')).to.deep.equal({ ok: true, cidr: '192.0.2.7/32' });
      expect(parseCidr('2001:db8::1')).to.deep.equal({ ok: true, cidr: '2001:db8::1/128' });
    });
    it('rejects prefixes out of range for the family', () => {
      expect(parseCidr('10.0.0.0/33')).to.deep.include({ ok: false });
      expect(parseCidr('2001:db8::/129')).to.deep.include({ ok: false });
      expect(parseCidr('2001:db8::/64').ok).to.equal(true);
    });
    it('rejects bad addresses and non-numeric prefixes', () => {
      for (const text of ['10.0.0/8', '10.0.0.256/8', 'example.com/24', '10.0.0.0/abc', '10.0.0.0/', '10.0.0.0/-1']) {
        expect(parseCidr(text).ok, text).to.equal(false);
      }
    });
    it('reports every bad block of a list in one message', () => {
      const { message } = failure(parseEnvValue(spec('ADMIN_IP_ALLOWLIST_CIDRS'), '10.0.0.0/33,10.1.0.0/16,nope/8'));
      expect(message).to.include('item 1 of 3').and.include('/33').and.include('item 3 of 3').and.include('"nope"');
    });
  });
});
