// `npm run test:desktop`: the same integration suite in desktop VS Code through
// @vscode/test-electron. It downloads VS Code from Microsoft's update server, so it
// needs a network (it cannot run on the offline CI machines; use test:integration there).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { cleanupAll, onCleanup } from './cleanup';
import { API_URL_SETTING, assertBuilt, defaultUserSettings, workspaceFixture } from './codeServer';
import { repoRoot } from './log';

// Same VS Code as code-server 4.100.3 by default; VSCODE_TEST_VERSION=stable|insiders|x.y.z to change.
const version = process.env.VSCODE_TEST_VERSION ?? '1.100.3';
const suite = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

async function main(): Promise<number> {
  assertBuilt(suite);
  const emulator = await startEmulator({ port: 0, seed: true });
  onCleanup('emulator', () => emulator.close());

  // A short path: VS Code puts IPC sockets in the user data dir (macOS limits their length).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-desk-'));
  onCleanup('desktop user data', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const userDataDir = path.join(tmp, 'data');
  const extensionsDir = path.join(tmp, 'ext');
  // In a local (non-remote) window, machine-scoped settings come from the user settings file.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...defaultUserSettings(false), [API_URL_SETTING]: emulator.url }, null, 2));

  try {
    return await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      extensionTestsEnv: { PROJECT_SECRETS_EMULATOR_URL: emulator.url },
      launchArgs: [
        workspaceFixture,
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${extensionsDir}`,
        '--disable-extensions', // only the extension under development
        '--disable-telemetry',
      ],
    });
  } catch (err) {
    // runTests rejects with TestRunFailedError when the suite fails: that is a normal failure.
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    await cleanupAll();
    process.exit(1);
  });
