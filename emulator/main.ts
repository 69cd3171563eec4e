/**
 * `npm run emulator`: the emulator as a standalone server for the demo and manual tries.
 * Options: --port N (or PORT; default 3737), --host H, --no-seed, --validate-contract.
 */
import { demoTokens, startEmulator } from './index';
import { secretsApiKeys } from './secretsApi/secretsApiSeed';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = args[i] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rawPort = option(args, '--port') ?? process.env.PORT ?? '3737';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${rawPort}`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator({
    port,
    host: option(args, '--host') ?? '127.0.0.1',
    seed: !args.includes('--no-seed'),
    validateContract: args.includes('--validate-contract'),
  });
  console.log(`Vercel API emulator listening on ${emulator.url}`);
  console.log(`  alice (personal + teams Acme Inc, Globex): ${demoTokens.alice}`);
  console.log(`  bob   (team Globex):                       ${demoTokens.bob}`);
  console.log(`Secrets API (${emulator.url}/api/v1/...):`);
  console.log(`  key for proj_web, proj_full, proj_empty: ${secretsApiKeys.main}`);
  console.log(`  key for proj_web only:                   ${secretsApiKeys.narrow}`);
  console.log(`Hint: set "projectSecrets.vercel.apiUrl" to ${emulator.url} and add a Vercel account with a token above; Ctrl+C stops.`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('The emulator could not start:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
