// `.localConfigs`: the env-style file the Teams Toolkit's local debug profile (teamsapp.local.yml, deploy step) writes
// for the bot (BOT_ID, BOT_PASSWORD, ...). Variables set in the environment win over it. Never read in production, nor
// by `npm run dev` (the Agents Playground needs local mode, which an app id from the file would end).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config';

export const LOCAL_CONFIGS_FILE = '.localConfigs';
/** Passed by `npm run dev` (scripts/dev.ts): the Playground talks to a bot in local mode, without an app id. */
export const NO_LOCAL_CONFIGS_FLAG = '--no-local-configs';

export interface LocalConfigs {
  /** The file's path as shown in messages. */
  readonly file: string;
  /** Each variable's value, quotes removed. */
  readonly values: Readonly<Record<string, string>>;
  /** The line each variable was set on, for messages about a bad value. */
  readonly lines: Readonly<Record<string, number>>;
}

/** `NAME=value`, `NAME="value"` or `NAME='value'`, as the Toolkit's file/createOrUpdateEnvironmentFile writes them. */
const assignment = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'is not NAME=value (a name of letters, digits and _, then =, then the value)')
  .transform((line) => ({ name: line.slice(0, line.indexOf('=')), raw: line.slice(line.indexOf('=') + 1).trim() }))
  .pipe(
    z.object({
      name: z.string(),
      raw: z.string().refine((raw) => !/^["']/.test(raw) || (raw.length >= 2 && raw.endsWith(raw.charAt(0))), 'has a value that opens a quote and does not close it'),
    }),
  )
  .transform(({ name, raw }) => ({ name, value: /^["']/.test(raw) ? raw.slice(1, -1) : raw }));

/** Parses the file's text; a line that is not a comment, blank or NAME=value stops start-up naming the file and line. */
export function parseLocalConfigs(text: string, file: string = LOCAL_CONFIGS_FILE): LocalConfigs {
  const values: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const lineNumber = index + 1;
    if (line === '' || line.startsWith('#')) return;
    const parsed = assignment.safeParse(line);
    if (!parsed.success) {
      problems.push(`${file}, line ${lineNumber}: ${parsed.error.issues[0]?.message ?? 'cannot be read'} (fix the line or delete the file; the Toolkit's Deploy step writes it again)`);
      return;
    }
    const { name, value } = parsed.data;
    const earlier = lines[name];
    if (earlier !== undefined) {
      problems.push(`${file}, line ${lineNumber}: ${name} is already set on line ${earlier} (keep one of them)`);
      return;
    }
    values[name] = value;
    lines[name] = lineNumber;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { file, values, lines };
}

/**
 * The environment with `.localConfigs` beneath it: a variable the environment sets (even to nothing) wins, as with
 * env-cmd and dotenv. `origins` says, for each variable taken from the file, where, for messages about its value.
 */
export function withLocalConfigs(
  env: NodeJS.ProcessEnv,
  local: LocalConfigs | undefined,
): { env: NodeJS.ProcessEnv; origins: Record<string, string> } {
  if (local === undefined) return { env, origins: {} };
  const merged: NodeJS.ProcessEnv = { ...env };
  const origins: Record<string, string> = {};
  for (const [name, value] of Object.entries(local.values)) {
    if (env[name] !== undefined) continue;
    merged[name] = value;
    origins[name] = `${local.file}, line ${local.lines[name] ?? '?'}`;
  }
  return { env: merged, origins };
}

/** Reads `<root>/.localConfigs` when it exists, unless NODE_ENV=production in the environment or argv says not to. */
export function readLocalConfigs(root: string, env: NodeJS.ProcessEnv, argv: readonly string[]): LocalConfigs | undefined {
  if (env.NODE_ENV === 'production' || argv.includes(NO_LOCAL_CONFIGS_FLAG)) return undefined;
  const file = path.join(root, LOCAL_CONFIGS_FILE);
  if (!existsSync(file)) return undefined;
  return parseLocalConfigs(readFileSync(file, 'utf8'), LOCAL_CONFIGS_FILE);
}
