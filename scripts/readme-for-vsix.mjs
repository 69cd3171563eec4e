// Writes dist/README.md, the README packaged into the .vsix (`vsce package --readme-path`):
// README.md with its `media/*.png` images inlined as data: URIs. The Extensions view's details
// page draws the README in a webview whose Content-Security-Policy allows only `https:` and
// `data:` images and has no base URL, so relative paths never load there, and https URLs need
// the network; data: URIs load offline. README.md itself keeps its relative links (they render
// in the repository), and the PNGs stay in media/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
let inlined = 0;
const out = readme.replace(/!\[([^\]]*)\]\((media\/[\w.-]+\.png)\)/g, (_, alt, file) => {
  inlined += 1;
  return `![${alt}](data:image/png;base64,${readFileSync(`${root}${file}`).toString('base64')})`;
});
mkdirSync(`${root}dist`, { recursive: true });
writeFileSync(`${root}dist/README.md`, out);
console.log(`wrote dist/README.md (${inlined} ${inlined === 1 ? 'image' : 'images'} inlined)`);
