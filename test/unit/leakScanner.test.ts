/**
 * The leak check's scanner (test/integration/leakScan.ts) on fabricated input: it must find
 * a secret however it was written, and stay quiet when the secret is not there. Without
 * these, a leak check that passes could just be a scanner that never finds anything.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodedForms, findSecrets, findSecretsInBytes, LeakScanner, minSecretLength, prepareSecrets, type Secret } from '../integration/leakScan';

const token: Secret = { label: 'alice token', value: 'demo_alice_token_4f1c2e9a7b' };
/** Characters JSON escapes: quote, backslash, slash (sometimes), newline, tab, non-ASCII. */
const awkward: Secret = { label: 'awkward value', value: 'pa"ss\\wo/rd\nline two\tté' };
const url: Secret = { label: 'database url', value: 'postgres://blog:blog-db-pass-1@db.example.com/blog' };

describe('leak scanner', () => {
  describe('finds a secret', () => {
    it('written as is, naming the secret, source and line, without repeating the secret', () => {
      const log = `2026-01-01 [info] Activated\n2026-01-01 [info] GET https://api/v2/user Bearer ${token.value} → 200\n`;
      const [finding, ...rest] = findSecrets([token], 'exthost/Project Secrets.log', log);
      assert.deepEqual(rest, []);
      assert.equal(finding.secret, 'alice token');
      assert.equal(finding.form, 'raw');
      assert.equal(finding.source, 'exthost/Project Secrets.log');
      assert.equal(finding.line, 2);
      assert.match(finding.excerpt, /Bearer «alice token» → 200/);
      assert.ok(!finding.excerpt.includes(token.value), 'the report repeats the secret');
    });

    it('split by JSON escaping (quote, backslash, slash, newline, tab, non-ASCII): the raw text is not there, the escaped one is', () => {
      const settings = JSON.stringify({ 'some.setting': awkward.value }, null, 2);
      assert.ok(!settings.includes(awkward.value), 'the fabricated file holds the secret only escaped');
      const findings = findSecrets([awkward], 'User/settings.json', settings);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].form, 'json');
      assert.equal(findings[0].line, 2);
    });

    it('escaped with \\/ as some JSON writers do', () => {
      const text = `{"value":"${JSON.stringify(url.value).slice(1, -1).replace(/\//g, '\\/')}"}`;
      assert.ok(!text.includes(url.value));
      assert.deepEqual(findSecrets([url], 'state', text).map((f) => f.form), ['json-slash']);
    });

    it('as JSON inside JSON (a memento stored as a JSON string in a state file)', () => {
      const inner = JSON.stringify({ accounts: [{ note: awkward.value }] });
      const outer = JSON.stringify({ 'project-secrets.project-secrets': inner });
      assert.ok(!outer.includes(awkward.value) && !outer.includes(JSON.stringify(awkward.value).slice(1, -1)));
      assert.deepEqual(findSecrets([awkward], 'state.vscdb', outer).map((f) => f.form), ['json-in-json']);
    });

    it('with every non-ASCII character escaped as \\uXXXX', () => {
      const text = JSON.stringify(awkward.value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      assert.ok(text.includes('\\u00e9'));
      assert.deepEqual(findSecrets([awkward], 'log', text).map((f) => f.form), ['json-ascii']);
    });

    it('URL-encoded, form-encoded and base64-encoded', () => {
      assert.deepEqual(findSecrets([url], 'a', `GET /x?u=${encodeURIComponent(url.value)}`).map((f) => f.form), ['url']);
      const spaced: Secret = { label: 'two words', value: 'two secret words' };
      assert.deepEqual(findSecrets([spaced], 'a', 'q=two+secret+words').map((f) => f.form), ['form']);
      assert.deepEqual(findSecrets([token], 'a', `Basic ${Buffer.from(token.value).toString('base64')}`).map((f) => f.form), ['base64']);
    });

    it('in bytes: UTF-8 inside binary data, and UTF-16LE', () => {
      const utf8 = Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(token.value), Buffer.from([0, 0])]);
      assert.deepEqual(findSecretsInBytes([token], 'state.vscdb', utf8).map((f) => f.form), ['raw']);
      const utf16 = Buffer.concat([Buffer.from([0, 1]), Buffer.from(token.value, 'utf16le')]);
      assert.deepEqual(findSecretsInBytes([token], 'state.vscdb', utf16).map((f) => f.form), ['utf16le']);
    });

    it('every occurrence, and every secret present', () => {
      const text = `${token.value} and ${url.value}\nagain ${token.value}`;
      const findings = findSecrets([token, url], 'log', text);
      assert.deepEqual(findings.map((f) => `${f.secret}:${f.line}`).sort(), ['alice token:1', 'alice token:2', 'database url:1']);
      for (const f of findings) assert.ok(!f.excerpt.includes(token.value) && !f.excerpt.includes(url.value), 'an excerpt repeats a secret');
    });

    it('masks a secret that the excerpt\'s edge would cut in half', () => {
      const text = `${'x'.repeat(30)}${url.value}${' '.repeat(5)}${token.value}`;
      const [first] = findSecrets([token, url], 'log', text).filter((f) => f.secret === 'alice token');
      assert.ok(!first.excerpt.includes('blog-db-pass'), `a fragment of the other secret shows: ${first.excerpt}`);
    });
  });

  describe('stays quiet', () => {
    it('when the secret is not there, not even a part of it', () => {
      const log = '[info] Activated in 3.1 ms\n[info] GET http://127.0.0.1:4000/v2/user → 200 (4 ms)\n[warn] Loading x: Vercel had a server error (HTTP 500).';
      assert.deepEqual(findSecrets([token, awkward, url], 'log', log), []);
      assert.deepEqual(findSecrets([token], 'log', token.value.slice(0, -1)), [], 'a truncated secret is not the secret');
      assert.deepEqual(findSecrets([awkward], 'log', 'pa"ss\\wo/rd'), [], 'the part before the escape alone is not the secret');
      assert.deepEqual(findSecretsInBytes([token], 'bin', Buffer.from('demo_alice_token_', 'utf16le')), []);
    });

    it('on a masked log line', () => {
      assert.deepEqual(findSecrets([token], 'log', 'PATCH https://api/v9/projects/p/env/e → 200 value=***'), []);
    });
  });

  describe('LeakScanner', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-scan-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a folder tree, counts files and bytes once, and reports findings with their file', () => {
      fs.mkdirSync(path.join(dir, 'exthost1', 'ext'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'exthost1', 'ext', 'Project Secrets.log'), `GET https://x/v2/user → 200\n${token.value}\n`);
      fs.writeFileSync(path.join(dir, 'clean.log'), 'nothing here\n');
      const scanner = new LeakScanner([token, url]);
      assert.equal(scanner.scanTree(dir), 2);
      assert.equal(scanner.scanTree(path.join(dir, 'exthost1')), 0, 'a file is read once');
      assert.equal(scanner.findings.length, 1);
      assert.equal(scanner.findings[0].source, path.join(dir, 'exthost1', 'ext', 'Project Secrets.log'));
      assert.equal(scanner.findings[0].line, 2);
      const coverage = scanner.coverage();
      assert.equal(coverage.secrets, 2);
      assert.equal(coverage.sources.file.count, 2);
      assert.equal(coverage.sources.file.bytes, fs.statSync(path.join(dir, 'exthost1', 'ext', 'Project Secrets.log')).size + 'nothing here\n'.length);
      assert.match(LeakScanner.describe(scanner.findings), /^- alice token \[raw\] in .*Project Secrets\.log:2: GET https:\/\/x\/v2\/user → 200 «alice token» $/);
      assert.ok(!LeakScanner.describe(scanner.findings).includes(token.value));
    });

    it('counts messages and state, and stays clean when nothing leaked', () => {
      const scanner = new LeakScanner([token]);
      scanner.scanText('message', 'message #1', 'Connected Vercel account alice.');
      scanner.scanText('state', 'globalState', JSON.stringify([['projectSecrets.accounts', [{ label: 'alice' }]]]));
      assert.deepEqual(scanner.findings, []);
      assert.match(scanner.summary(), /^1 secrets checked \(0 shorter than 6 characters skipped\) in 1 message \(31 bytes\), 1 state \(\d+ bytes\)$/);
      scanner.scanText('message', 'message #2', `Bad token ${token.value}`);
      assert.equal(scanner.findings.length, 1);
    });

    it('sets aside values too short to look for, and deduplicates by value', () => {
      const { kept, skipped } = prepareSecrets([token, { label: 'same', value: token.value }, { label: 'x', value: 'x' }, { label: 'empty', value: '' }]);
      assert.deepEqual(kept.map((s) => s.label), ['alice token']);
      assert.deepEqual(skipped.map((s) => s.label), ['x']);
      assert.ok(minSecretLength <= 6, 'every seeded secret is at least this long');
    });

    it('names every form it looks for', () => {
      assert.deepEqual(encodedForms('abcdef').map((f) => f.form), ['raw', 'base64'], 'forms equal to the raw text are dropped');
      assert.deepEqual(encodedForms(awkward.value).map((f) => f.form), ['raw', 'json', 'json-slash', 'json-in-json', 'json-ascii', 'url', 'form', 'base64']);
    });
  });
});
