// `npm run validate`'s checks (scripts/appPackage.ts): the shipped package passes and zips as Teams expects; each kind
// of broken package is caught with a message naming the file and the fix, and no zip is written for it.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { checkAppPackage, fillPlaceholders, readEnvFile, zipCheck } from '../../scripts/appPackage';

const shipped = path.join(__dirname, '..', '..', 'appPackage');
const localValues = readEnvFile(path.join(__dirname, '..', '..', 'env', '.env.local'));

/** A copy of the shipped package in a temporary folder, to break one thing in. */
function copyOfPackage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  for (const file of ['manifest.json', 'color.png', 'outline.png']) copyFileSync(path.join(shipped, file), path.join(dir, file));
  return dir;
}

/** An 8-bit RGBA PNG of one colour, unfiltered rows. */
function png(size: number, rgba: readonly [number, number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgba).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

const failing = (report: Awaited<ReturnType<typeof checkAppPackage>>) => report.checks.filter((c) => !c.ok).flatMap((c) => c.problems);

describe('npm run validate', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const brokenCopy = () => {
    const dir = copyOfPackage();
    dirs.push(dir);
    return dir;
  };

  it('passes the shipped package and writes a zip with the filled manifest and both icons at its root', async () => {
    const dir = brokenCopy();
    const zipPath = path.join(dir, 'build', 'appPackage.local.zip');
    const report = await checkAppPackage({ dir: shipped, values: localValues, zipPath });
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const entries = unzipSync(readFileSync(zipPath));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = Buffer.from(entries['manifest.json'] as Uint8Array).toString('utf8');
    expect(manifest).not.toContain('${{');
    expect(manifest).toContain(localValues.APP_WEBSITE_URL);
    expect(report.checks.find((c) => c.name === 'every placeholder has a value')?.note).toContain('TEAMS_APP_ID');
  });

  it('names a manifest that breaks the schema, and writes no zip', async () => {
    const dir = brokenCopy();
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.developer;
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const zipPath = path.join(dir, 'build', 'app.zip');
    const report = await checkAppPackage({ dir, values: localValues, zipPath });
    expect(report.ok).toBe(false);
    expect(failing(report).join('\n')).toMatch(/manifest\.json: .*developer/);
    expect(existsSync(zipPath)).toBe(false);
  });

  it('names an icon of the wrong size and an outline icon that is not white on transparent', async () => {
    const dir = brokenCopy();
    writeFileSync(path.join(dir, 'color.png'), png(96, [10, 80, 160, 255]));
    writeFileSync(path.join(dir, 'outline.png'), png(32, [255, 0, 0, 255]));
    const problems = failing(await checkAppPackage({ dir, values: localValues }));
    expect(problems).toContain('color.png is 96x96; Teams needs 192x192.');
    expect(problems.some((p) => p.startsWith('outline.png has 1024 visible pixels that are not white'))).toBe(true);
    expect(problems).toContain('outline.png is mostly opaque; its background must be transparent.');
  });

  it('names a file that is not a PNG at all', async () => {
    const dir = brokenCopy();
    writeFileSync(path.join(dir, 'color.png'), 'not an image');
    expect(failing(await checkAppPackage({ dir, values: localValues }))).toContain('color.png is not a PNG file.');
  });

  it('names a command in the menu that the bot does not answer, and an unknown placeholder', async () => {
    const dir = brokenCopy();
    const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(text) as { bots: { commandLists: { commands: { title: string; description: string }[] }[] }[]; description: { short: string } };
    manifest.bots[0]?.commandLists[0]?.commands.push({ title: 'teleport', description: 'Not a command' });
    manifest.description.short = '${{SHORT_TEXT}}';
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const problems = failing(await checkAppPackage({ dir, values: localValues }));
    expect(problems.some((p) => p.startsWith('The command menu lists "teleport"'))).toBe(true);
    expect(problems).toContain('${{SHORT_TEXT}} has no value: add SHORT_TEXT= to the environment\'s env file.');
  });

  it('fills placeholders from the env file, using sample values only where provisioning has not run', () => {
    const filled = fillPlaceholders('${{BOT_ID}} ${{APP_WEBSITE_URL}}', { BOT_ID: '', APP_WEBSITE_URL: 'https://a.example/' });
    expect(filled.text).toBe('00000000-0000-4000-8000-000000000002 https://a.example/');
    expect(filled.sampled).toEqual(['BOT_ID']);
  });

  it('refuses a zip that is unreadable or holds the wrong files', () => {
    expect(zipCheck(Buffer.from('PK nonsense'), ['manifest.json']).problems).toEqual(['The package zip cannot be read back.']);
    const nested = Buffer.from(zipSync({ 'appPackage/manifest.json': Buffer.from('{}'), 'color.png': Buffer.from('x') }));
    expect(zipCheck(nested, ['manifest.json', 'color.png']).problems).toEqual([
      'The zip has no manifest.json at its root.',
      'The zip holds appPackage/manifest.json, which Teams does not expect.',
      "The zip's manifest.json is not valid JSON.",
    ]);
  });
});
