/**
 * `/_emulator/*`: control and inspection for tests in another process (e.g. the extension
 * host). No authentication, never recorded as API requests, never rate limited or faulted.
 */
import { parseFaults } from './faults';
import { errorReply, HttpError, isObject, notFound, ok, parseJson, type Reply } from './http';
import { addBulk, parseBulkSpec } from '../vercel/bulk';
import { parseDeploymentBuild, settleBuilds } from '../vercel/deploymentRecords';
import { legacySecretsOf } from '../vercel/legacySecretsSeed';
import { parseRateLimit } from './rateLimit';
import { sharedEnvsOf } from '../vercel/sharedEnvStore';
import { stepUpCodes, type StepUpCode } from './stepUp';
import type { EmulatorCore, EmulatorConfig } from './server';

export function handleAdmin(core: EmulatorCore, method: string, pathname: string, text: string): Reply {
  try {
    return route(core, `${method} ${pathname.replace(/\/+$/, '')}`, text);
  } catch (err) {
    if (err instanceof HttpError) return errorReply(err);
    throw err;
  }
}

function route(core: EmulatorCore, call: string, text: string): Reply {
  switch (call) {
    case 'GET /_emulator/state':
      return ok(core.state);
    case 'GET /_emulator/legacy-secrets':
      // The legacy store lives beside the core state (see legacySecretsSeed.ts); values included, tests only.
      return ok(legacySecretsOf(core.state).secrets);
    case 'GET /_emulator/shared-env':
      // Team shared variables live beside the core state (see sharedEnvStore.ts); values included, tests only.
      return ok(sharedEnvsOf(core.state).envs);
    case 'GET /_emulator/requests':
      return ok(core.requests);
    case 'GET /_emulator/contract-violations':
      return ok(core.contractViolations);
    case 'POST /_emulator/bulk':
      // Volume for paging tests and the bench: many projects, or many variables in one project.
      return ok(addBulk(core.state, parseBulkSpec(parseJson(text))));
    case 'POST /_emulator/reset':
      core.reset();
      return ok({ ok: true });
    case 'GET /_emulator/config':
      return ok(core.config);
    case 'POST /_emulator/config':
      core.setConfig(parseConfig(parseJson(text)));
      return ok(core.config);
    case 'GET /_emulator/faults':
      return ok(core.faults.map((f) => ({ ...f.spec, remaining: f.remaining })));
    case 'POST /_emulator/faults': {
      const faults = parseFaults(parseJson(text));
      core.faults.push(...faults);
      return ok({ ok: true, armed: core.faults.length });
    }
    case 'POST /_emulator/deployments/settle': {
      // Ends the builds still running (config `deploymentBuild.ms: null`), as `{outcome}` or each one's own.
      const body = parseJson(text);
      const outcome = isObject(body) ? body.outcome : undefined;
      if (outcome !== undefined && outcome !== 'READY' && outcome !== 'ERROR') throw new HttpError(400, 'bad_request', '`outcome` should be "READY" or "ERROR".');
      return ok({ settled: settleBuilds(core.state, outcome) });
    }
    case 'DELETE /_emulator/faults':
      core.faults = [];
      return ok({ ok: true });
    default: {
      // `/_emulator/<mount>/...` belongs to that mount.
      const [method, path] = call.split(' ');
      for (const mount of core.mounts) {
        const prefix = `/_emulator/${mount.name}`;
        if (path === prefix || path.startsWith(`${prefix}/`)) {
          const reply = mount.admin(method, path.slice(prefix.length) || '/', text);
          if (reply) return reply;
        }
      }
      return errorReply(notFound('The requested path was not found'));
    }
  }
}

function parseConfig(body: unknown): Partial<EmulatorConfig> {
  if (!isObject(body)) throw new HttpError(400, 'bad_request', 'The config should be a JSON object.');
  const patch: Partial<EmulatorConfig> = {};
  const rateLimit = parseRateLimit(body.rateLimit);
  if (rateLimit !== undefined) patch.rateLimit = rateLimit;
  if (body.legacySecretsGone !== undefined) {
    if (typeof body.legacySecretsGone !== 'boolean') throw new HttpError(400, 'bad_request', '`legacySecretsGone` should be boolean.');
    patch.legacySecretsGone = body.legacySecretsGone;
  }
  const deploymentBuild = parseDeploymentBuild(body.deploymentBuild);
  if (deploymentBuild !== undefined) patch.deploymentBuild = deploymentBuild;
  if (body.stepUp !== undefined) {
    if (body.stepUp !== null && !stepUpCodes.includes(body.stepUp as StepUpCode)) {
      throw new HttpError(400, 'bad_request', `\`stepUp\` should be null or one of ${stepUpCodes.join(', ')}.`);
    }
    patch.stepUp = body.stepUp as StepUpCode | null;
  }
  return patch;
}
