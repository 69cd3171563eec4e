import * as assert from 'node:assert/strict';
import { InvalidResponseError } from '../../src/core/errors';
import { parseResources, secretBody, type ResourceSecret } from '../../src/core/marketplace/models';
import {
  configIdProblem, environmentProblem, maxSecretsPerPush, prefixProblem, resourceIdProblem, resourceSecretNameProblem,
  resourceSecretProblem, secretsProblem, valueProblem,
} from '../../src/core/marketplace/rules';

describe('marketplace rules', () => {
  it('names: environment-variable style, at most 256 characters', () => {
    for (const name of ['DATABASE_URL', '_PRIVATE', 'a1', 'x'.repeat(256)]) assert.equal(resourceSecretNameProblem(name), undefined, name);
    const table: Array<[string, RegExp]> = [
      ['', /^Enter a name\.$/],
      ['1PASSWORD', /must not start with a digit/],
      ['DATABASE-URL', /letters, digits and underscores, not "-"/],
      ['MY VAR', /not "a space"/],
      ['PÄSSWORD', /not "Ä"/],
      ['x'.repeat(257), /257 characters long; the maximum is 256/],
    ];
    for (const [name, message] of table) assert.match(resourceSecretNameProblem(name) ?? 'accepted', message, name);
  });

  it('prefixes: like names, not empty, at most 64', () => {
    assert.equal(prefixProblem('NEXT_PUBLIC_'), undefined);
    assert.match(prefixProblem('') ?? '', /leave it out/);
    assert.match(prefixProblem('9_') ?? '', /prefix must not start with a digit/);
    assert.match(prefixProblem('MY-') ?? '', /prefix may contain only/);
    assert.match(prefixProblem('P'.repeat(65)) ?? '', /prefix is 65 characters long; the maximum is 64/);
  });

  it('values: not empty, at most 64 KB', () => {
    assert.equal(valueProblem(' '), undefined);
    assert.match(valueProblem('') ?? '', /The value is empty/);
    assert.match(valueProblem('', 'preview value') ?? '', /The preview value is empty/);
    assert.match(valueProblem('x'.repeat(64 * 1024 + 1)) ?? '', /65 KB; the maximum is 64 KB/);
    assert.equal(valueProblem('x'.repeat(64 * 1024)), undefined);
  });

  it('override environments: production, preview, development only', () => {
    for (const env of ['production', 'preview', 'development']) assert.equal(environmentProblem(env), undefined);
    for (const env of ['staging', 'Production', '']) {
      assert.match(environmentProblem(env) ?? '', /is not an environment with overrides: use production, preview, development/, env);
    }
  });

  it('installation ids: icfg_ and letters or digits', () => {
    assert.equal(configIdProblem('icfg_demo4f7b2c9e1a'), undefined);
    assert.match(configIdProblem('') ?? '', /Enter the installation id/);
    for (const id of ['cfg_123', 'icfg_', 'icfg_12-3', 'icfg_12 3', 'ICFG_123']) assert.match(configIdProblem(id) ?? '', /"icfg_" followed by letters and digits/, id);
    assert.equal(resourceIdProblem('res_1'), undefined);
    assert.match(resourceIdProblem('') ?? '', /Choose a resource/);
    assert.match(resourceIdProblem('res 1') ?? '', /no spaces/);
  });

  it('one secret: the first problem, named', () => {
    const ok: ResourceSecret = { name: 'A', value: 'v', prefix: 'P_', environmentOverrides: { preview: 'p' } };
    assert.equal(resourceSecretProblem(ok), undefined);
    assert.match(resourceSecretProblem({ name: 'A', value: '' }) ?? '', /^A: The value is empty/);
    assert.match(resourceSecretProblem({ name: '', value: 'v' }) ?? '', /^\(no name\): Enter a name/);
    assert.match(resourceSecretProblem({ name: 'A', value: 'v', prefix: 'P'.repeat(60), environmentOverrides: {} }) ?? 'ok', /^ok$/);
    assert.match(resourceSecretProblem({ name: 'N'.repeat(200), value: 'v', prefix: 'P'.repeat(60) }) ?? '', /together are 260 characters long/);
    assert.match(resourceSecretProblem({ name: 'A', value: 'v', environmentOverrides: { production: '' } }) ?? '', /^A: The production value is empty/);
    const staging = { name: 'A', value: 'v', environmentOverrides: { staging: 's' } } as unknown as ResourceSecret;
    assert.match(resourceSecretProblem(staging) ?? '', /^A: "staging" is not an environment/);
  });

  it('a push: not empty (a replace-all with none would delete everything), no duplicates, not too many', () => {
    assert.match(secretsProblem([]) ?? '', /no secrets to send/);
    assert.match(secretsProblem([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'A', value: '3' }]) ?? '', /^A is listed twice/);
    assert.equal(secretsProblem([{ name: 'A', value: '1' }, { name: 'a', value: '2' }]), undefined, 'names are case-sensitive');
    const many = Array.from({ length: maxSecretsPerPush + 1 }, (_, n) => ({ name: `S${n}`, value: 'v' }));
    assert.match(secretsProblem(many) ?? '', /1001 secrets are too many/);
  });
});

describe('marketplace models', () => {
  it('reads resources: the partner id is the id used in paths', () => {
    const [resource] = parseResources({ resources: [{ partnerId: 'res_1', internalId: 'store_1', name: 'db', productId: 'iap_1', status: 'ready', metadata: {} }] });
    assert.deepEqual(resource, { id: 'res_1', internalId: 'store_1', name: 'db', productId: 'iap_1', status: 'ready' });
  });

  it('keeps a resource with an unknown or no status, refuses missing required fields', () => {
    const [later, none] = parseResources({ resources: [
      { partnerId: 'a', internalId: 'b', name: 'c', productId: 'd', status: 'hibernating' },
      { partnerId: 'e', internalId: 'f', name: 'g', productId: 'h' },
    ] });
    assert.equal(later?.status, undefined);
    assert.equal(none?.status, undefined);
    assert.throws(() => parseResources({ resources: [{ internalId: 'b', name: 'c', productId: 'd' }] }), /resource has no partnerId/);
    assert.throws(() => parseResources({ resources: [{ partnerId: 'a', name: 'c', productId: 'd' }] }), /resource a has no internalId/);
    assert.throws(() => parseResources({ resources: [{ partnerId: 'a', internalId: 'b', name: 'c', productId: 'd', status: 3 }] }), InvalidResponseError);
    assert.throws(() => parseResources({ items: [] }), InvalidResponseError);
  });

  it('builds a secret body with the spec\'s properties only, overrides in a fixed order, empty ones left out', () => {
    const extra = { name: 'A', value: 'v', comment: 'not in the spec', environmentOverrides: { development: 'd', production: 'p', staging: 's' } };
    assert.deepEqual(secretBody(extra as unknown as ResourceSecret), { name: 'A', value: 'v', environmentOverrides: { production: 'p', development: 'd' } });
    assert.deepEqual(secretBody({ name: 'A', value: 'v', prefix: 'P_', environmentOverrides: {} }), { name: 'A', value: 'v', prefix: 'P_' });
  });
});
