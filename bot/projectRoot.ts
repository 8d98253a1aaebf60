// Finds the project folder (the one with package.json) from wherever the code runs: bot/ under ts-jest, dist/bot/ when built.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function projectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'bot', 'features'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Could not find the project folder above ${start}.`);
    dir = parent;
  }
}
