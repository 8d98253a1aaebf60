// Bundles the dashboard tab's page (web/) into dist/web/ with esbuild: one script, its stylesheet and the page.
// Run by `npm run build`, so `npm start` and the tests serve what was built.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'web', 'app.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
  legalComments: 'linked',
});
for (const file of ['index.html', 'app.css']) copyFileSync(path.join(root, 'web', file), path.join(out, file));
