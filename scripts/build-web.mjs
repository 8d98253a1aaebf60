// Bundles the dashboard tab's pages (web/) into dist/web/ with esbuild: the dashboard and the channel tab's
// configuration page, a script each, and their stylesheet.
// Run by `npm run build`, so `npm start` and the tests serve what was built.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'web', 'app.ts'), path.join(root, 'web', 'config.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outdir: out,
  logLevel: 'warning',
  legalComments: 'linked',
});
for (const file of ['index.html', 'config.html', 'app.css']) copyFileSync(path.join(root, 'web', file), path.join(out, file));
