// The Teams app package's checks, shared by `npm run validate` and the tests: the manifest (placeholders filled from
// env/.env.<environment>) against Microsoft's bundled schema, the icons Teams requires, the bot's commands and
// message-extension commands against what the bot really answers, and the zip Teams Toolkit would upload.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync, zipSync } from 'fflate';
import { FEATURES } from '../bot/features';
import { routeTableFor } from '../bot/routing/registerFeatures';

export interface PackageCheck {
  readonly name: string;
  readonly ok: boolean;
  /** What is wrong and how to fix it, one line each; empty when ok. */
  readonly problems: readonly string[];
  /** Something worth knowing that is not a failure (e.g. a placeholder checked with a sample value). */
  readonly note?: string;
}

export interface PackageReport {
  readonly checks: readonly PackageCheck[];
  readonly ok: boolean;
  /** Where the zip was written, when it was. */
  readonly zipPath?: string;
}

/**
 * Values that stand in for placeholders provisioning writes later (TEAMS_APP_ID, BOT_ID, BOT_DOMAIN): shaped as the
 * real ones are, so the schema still checks their format.
 */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
  BOT_ID: '00000000-0000-4000-8000-000000000002',
  BOT_DOMAIN: 'example.devtunnels.ms',
  APP_NAME_SUFFIX: '',
  APP_WEBSITE_URL: 'https://example.org/',
  APP_PRIVACY_URL: 'https://example.org/privacy',
  APP_TERMS_URL: 'https://example.org/terms',
};

/** Reads `KEY=value` lines of a Teams Toolkit env file; comments and blank lines are skipped. */
export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) values[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return values;
}

interface FilledManifest {
  readonly text: string;
  readonly sampled: readonly string[];
  readonly unknown: readonly string[];
}

/** Fills `${{NAME}}` the way Teams Toolkit does; empty or missing values take the sample, and are named. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): FilledManifest {
  const sampled = new Set<string>();
  const unknown = new Set<string>();
  const filled = text.replace(/\$\{\{([A-Z_][A-Z0-9_]*)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value !== undefined && value !== '') return value;
    const sample = SAMPLE_VALUES[name];
    if (sample === undefined) {
      unknown.add(name);
      return '';
    }
    if (sample !== '') sampled.add(name);
    return sample;
  });
  return { text: filled, sampled: [...sampled], unknown: [...unknown] };
}

interface Png {
  readonly width: number;
  readonly height: number;
  readonly colourType: number;
  readonly bitDepth: number;
  readonly pixels: Buffer;
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function readPng(data: Buffer): Png | string {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'is not a PNG file';
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 12 <= data.length; ) {
    const length = data.readUInt32BE(offset);
    if (data.toString('latin1', offset + 4, offset + 8) === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  try {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data[24] ?? 0, colourType: data[25] ?? 0, pixels: inflateSync(Buffer.concat(idat)) };
  } catch {
    return 'is a PNG whose image data cannot be read';
  }
}

/** The outline icon must be white on a transparent background: Teams tints it. Only 8-bit RGBA without filters is read pixel by pixel. */
function outlineProblems(png: Png): string[] {
  if (png.colourType !== 6 || png.bitDepth !== 8) return ['outline.png must be an 8-bit RGBA PNG (white on transparent); save it with an alpha channel.'];
  const stride = png.width * 4 + 1;
  let transparent = 0;
  let coloured = 0;
  for (let y = 0; y < png.height; y++) {
    if (png.pixels[y * stride] !== 0) return []; // A filtered row: the pixels are not readable without unfiltering; size and type were checked.
    for (let x = 0; x < png.width; x++) {
      const o = y * stride + 1 + x * 4;
      const alpha = png.pixels[o + 3] ?? 0;
      if (alpha === 0) transparent += 1;
      else if (png.pixels[o] !== 255 || png.pixels[o + 1] !== 255 || png.pixels[o + 2] !== 255) coloured += 1;
    }
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`outline.png has ${coloured} visible pixels that are not white; Teams needs it white on transparent.`);
  if (transparent * 2 < png.width * png.height) problems.push('outline.png is mostly opaque; its background must be transparent.');
  return problems;
}

function iconCheck(dir: string, file: string, size: number): PackageCheck {
  const name = `${file} is a ${size}x${size} PNG${file === 'outline.png' ? ', white on transparent' : ''}`;
  const where = path.join(dir, file);
  if (!existsSync(where)) return { name, ok: false, problems: [`${file} is missing from ${dir}; the manifest names it as an icon.`] };
  const png = readPng(readFileSync(where));
  if (typeof png === 'string') return { name, ok: false, problems: [`${file} ${png}.`] };
  const problems = png.width === size && png.height === size ? [] : [`${file} is ${png.width}x${png.height}; Teams needs ${size}x${size}.`];
  if (file === 'outline.png') problems.push(...outlineProblems(png));
  return { name, ok: problems.length === 0, problems };
}

interface ManifestShape {
  readonly icons?: { readonly color?: string; readonly outline?: string };
  readonly bots?: readonly { readonly commandLists?: readonly { readonly commands?: readonly { readonly title: string }[] }[] }[];
  readonly composeExtensions?: readonly { readonly commands?: readonly { readonly id: string }[] }[];
}

export interface CheckOptions {
  /** The folder with manifest.json and the icons (default: the project's appPackage/). */
  readonly dir: string;
  /** Placeholder values (an environment's env file). */
  readonly values: Readonly<Record<string, string>>;
  /** Where to write the zip; none is written when absent. */
  readonly zipPath?: string;
}

/** Every check of the app package, in the order a developer fixes them. Never throws for a bad package. */
export async function checkAppPackage(options: CheckOptions): Promise<PackageReport> {
  const checks: PackageCheck[] = [];
  const manifestPath = path.join(options.dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    checks.push({ name: 'manifest.json is there', ok: false, problems: [`There is no manifest.json in ${options.dir}.`] });
    return { checks, ok: false };
  }
  const filled = fillPlaceholders(readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, ''), options.values);
  checks.push({
    name: 'every placeholder has a value',
    ok: filled.unknown.length === 0,
    problems: filled.unknown.map((name) => `\${{${name}}} has no value: add ${name}= to the environment's env file.`),
    ...(filled.sampled.length > 0 ? { note: `not provisioned yet, checked with sample values: ${filled.sampled.join(', ')}` } : {}),
  });
  let manifest: ManifestShape;
  try {
    manifest = JSON.parse(filled.text) as ManifestShape;
  } catch (error) {
    checks.push({ name: 'manifest.json is JSON', ok: false, problems: [`manifest.json is not valid JSON: ${(error as Error).message}.`] });
    return { checks, ok: false };
  }
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0]);
  checks.push({ name: 'manifest.json matches the official Teams schema (bundled, offline)', ok: schemaErrors.length === 0, problems: schemaErrors.map((e) => `manifest.json: ${e}`) });

  checks.push(iconCheck(options.dir, manifest.icons?.color ?? 'color.png', 192));
  checks.push(iconCheck(options.dir, manifest.icons?.outline ?? 'outline.png', 32));

  const routes = routeTableFor(FEATURES);
  const registered = new Set(routes.allCommands().map((c) => c.name));
  const listed = (manifest.bots ?? []).flatMap((bot) => (bot.commandLists ?? []).flatMap((list) => (list.commands ?? []).map((c) => c.title)));
  const unknownCommands = listed.filter((title) => !registered.has(title));
  checks.push({
    name: "the bot's command menu lists only commands the bot has",
    ok: unknownCommands.length === 0,
    problems: unknownCommands.map((title) => `The command menu lists "${title}", which the bot does not answer: remove it from bots[].commandLists or add the command.`),
  });
  const extensionIds = (manifest.composeExtensions ?? []).flatMap((extension) => (extension.commands ?? []).map((c) => c.id));
  const unanswered = extensionIds.filter((id) => !routes.queryFor(id));
  checks.push({
    name: 'every message-extension command is answered',
    ok: unanswered.length === 0,
    problems: unanswered.map((id) => `composeExtensions declares "${id}", which no feature answers: remove it or register a query for it.`),
  });

  const allOk = () => checks.every((c) => c.ok);
  if (!options.zipPath || !allOk()) return { checks, ok: allOk() };
  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2)) };
  for (const icon of [manifest.icons?.color ?? 'color.png', manifest.icons?.outline ?? 'outline.png']) files[icon] = readFileSync(path.join(options.dir, icon));
  const zip = zipSync(files, { level: 9 });
  mkdirSync(path.dirname(options.zipPath), { recursive: true });
  writeFileSync(options.zipPath, zip);
  checks.push(zipCheck(readFileSync(options.zipPath), Object.keys(files)));
  return { checks, ok: allOk(), zipPath: options.zipPath };
}

/** The zip as Teams reads it: the manifest and icons at its root and nothing else. */
export function zipCheck(zip: Buffer, expected: readonly string[]): PackageCheck {
  const name = 'the zip has manifest.json and the icons at its root';
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return { name, ok: false, problems: ['The package zip cannot be read back.'] };
  }
  const names = Object.keys(entries);
  const problems = [
    ...expected.filter((file) => !names.includes(file)).map((file) => `The zip has no ${file} at its root.`),
    ...names.filter((file) => !expected.includes(file)).map((file) => `The zip holds ${file}, which Teams does not expect.`),
  ];
  try {
    JSON.parse(Buffer.from(entries['manifest.json'] ?? new Uint8Array()).toString('utf8'));
  } catch {
    problems.push('The zip\'s manifest.json is not valid JSON.');
  }
  return { name, ok: problems.length === 0, problems };
}
