// Cross-checks command ids between package.json and src/ (runs in `pretest`):
//  - every contributes.commands entry is registered in src/,
//  - every registered id is declared in contributes.commands,
//  - every menu, keybinding and welcome-view link refers to a declared command,
//  - every projectSecrets.* command src/ invokes (TreeItem.command, executeCommand) is registered.
// Registrations are found textually, because commands are registered through a helper:
// `id: 'projectSecrets.x'` / `commandId: 'projectSecrets.x'` in src/commands/*.ts and
// `registerCommand('projectSecrets.x'` anywhere in src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes ?? {};
const ID = String.raw`(projectSecrets\.[A-Za-z0-9_.-]+)`;
const problems = [];

function tsFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out = out.concat(tsFiles(file));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

/** Source text without comments, so a commented-out registration does not count. */
function source(file) {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function collect(files, patterns) {
  const found = new Map(); // id -> first file
  for (const file of files) {
    const text = source(file);
    for (const pattern of patterns) {
      for (const m of text.matchAll(new RegExp(pattern, 'g'))) {
        if (!found.has(m[1])) found.set(m[1], relative(root, file));
      }
    }
  }
  return found;
}

const declared = new Set((contributes.commands ?? []).map((c) => c.command));
const srcFiles = tsFiles(join(root, 'src'));
// Commands are objects with an id: the shared ones in src/commands/, each backend's own in src/backends/<name>/.
const commandFiles = srcFiles.filter((f) => relative(join(root, 'src', 'commands'), f).match(/^[^/\\]+\.ts$/)
  || relative(join(root, 'src', 'backends'), f).match(/^[^.][^:]*\.ts$/));

const registered = new Map([
  ...collect(commandFiles, [String.raw`\bid\s*:\s*['"\`]${ID}['"\`]`, String.raw`\bcommandId\s*[:=]\s*['"\`]${ID}['"\`]`,
    String.raw`\bcapabilityCommand\(\s*['"\`]${ID}['"\`]`]),
  ...collect(srcFiles, [String.raw`registerCommand\(\s*['"\`]${ID}['"\`]`]),
]);
const invoked = collect(srcFiles, [
  String.raw`\bcommand\s*:\s*['"\`]${ID}['"\`]`,
  String.raw`executeCommand\(\s*['"\`]${ID}['"\`]`,
]);

if (declared.size === 0) problems.push('package.json declares no contributes.commands');
for (const id of declared) {
  if (!registered.has(id)) problems.push(`${id} is declared in package.json contributes.commands but never registered in src/`);
}
for (const [id, file] of registered) {
  if (!declared.has(id)) problems.push(`${id} is registered in ${file} but not declared in package.json contributes.commands`);
}
for (const [id, file] of invoked) {
  if (!registered.has(id)) problems.push(`${id} is invoked in ${file} but never registered in src/`);
}

// Menus: every entry with a `command` (submenus have `submenu` instead).
for (const [menu, entries] of Object.entries(contributes.menus ?? {})) {
  for (const entry of entries) {
    for (const key of ['command', 'alt']) {
      if (entry[key] && !declared.has(entry[key])) problems.push(`menus.${menu} refers to undeclared command ${entry[key]}`);
    }
  }
}
for (const kb of contributes.keybindings ?? []) {
  if (kb.command && !kb.command.startsWith('-') && kb.command.startsWith('projectSecrets.') && !declared.has(kb.command)) {
    problems.push(`keybinding ${kb.key ?? ''} refers to undeclared command ${kb.command}`);
  }
}

// Welcome views link to commands as `command:projectSecrets.x`, usually through package.nls.json.
let nls = {};
try {
  nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
} catch {
  // No localization file: contents are literal.
}
for (const welcome of contributes.viewsWelcome ?? []) {
  const nlsKey = /^%(.+)%$/.exec(welcome.contents ?? '')?.[1];
  const contents = nlsKey ? nls[nlsKey] ?? '' : welcome.contents ?? '';
  if (nlsKey && !(nlsKey in nls)) problems.push(`viewsWelcome for ${welcome.view} uses %${nlsKey}% which package.nls.json lacks`);
  for (const m of contents.matchAll(new RegExp(String.raw`command:${ID}`, 'g'))) {
    if (!declared.has(m[1])) problems.push(`viewsWelcome for ${welcome.view} links to undeclared command ${m[1]}`);
  }
}

if (problems.length) {
  console.error(`check-commands: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-commands: ${declared.size} commands declared and registered; menus and links refer only to declared commands.`);
