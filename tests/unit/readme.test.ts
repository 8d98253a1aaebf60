// The README is what a newcomer reads first: its quick start is the two commands, and it documents every setting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../bot/config';

const root = path.join(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every configuration variable the bot reads, and none it does not', () => {
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Deploy'));
    const documented = [...table.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((m) => m[1]);
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !CONFIG_VARIABLES.includes(name!))).toEqual([]);
  });

  it('starts with the two quick-start commands, and CI runs the same test command after a clean install', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const block = /```\n([\s\S]*?)```/.exec(quickStart)?.[1];
    expect(block).toBe('npm install && npm run dev\nnpm test\n');
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci.split('\n').filter((line) => line.startsWith('npm '))).toEqual(['npm ci', 'npm test']);
  });

  it('lists a figure row for every benchmark script', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const benches = scripts.filter((name) => name.startsWith('bench:'));
    expect(benches.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
