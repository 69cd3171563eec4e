import * as assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { isLoopbackHost, parseApiUrl } from '../../src/core/validation/apiUrl';

describe('parseApiUrl', () => {
  it('accepts https URLs anywhere', () => {
    assert.equal(parseApiUrl('https://api.vercel.com').origin, 'https://api.vercel.com');
    assert.equal(parseApiUrl('  https://vercel.example.com:8443/base  ').href, 'https://vercel.example.com:8443/base');
  });

  it('accepts http only on loopback', () => {
    for (const url of ['http://127.0.0.1:3737', 'http://localhost:1', 'http://[::1]:80', 'http://127.8.9.10', 'http://emu.localhost']) {
      assert.equal(parseApiUrl(url).protocol, 'http:', url);
    }
  });

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['api.vercel.com', /not a valid URL/],
    ['ftp://api.vercel.com', /must start with https/],
    ['file:///etc/passwd', /must start with https/],
    ['http://api.vercel.com', /http:\/\/ is allowed only for localhost/],
    ['http://10.0.0.1', /only for localhost/],
    ['http://127.0.0.1.attacker.example', /only for localhost/],
    ['https://user:pass@api.vercel.com', /user name or password/],
    ['https://api.vercel.com/?teamId=x', /query or fragment/],
    ['https://api.vercel.com/#x', /query or fragment/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseApiUrl(input), (err: unknown) => err instanceof InputError && message.test(err.message));
    });
  }

  it('knows loopback hosts', () => {
    assert.ok(isLoopbackHost('LOCALHOST'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('localhost.example.com'));
    assert.ok(!isLoopbackHost('128.0.0.1'));
  });
});
