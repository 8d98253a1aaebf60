// The Teams app package: the manifest validates offline against Microsoft's bundled schema, and the icons are right.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { FEATURES } from '../../bot/features';
import { routeTableFor } from '../../bot/routing/registerFeatures';

const dir = path.join(__dirname, '..', '..', 'appPackage');

/** Fills the ${{NAME}} placeholders the way Teams Toolkit does from env/.env.<environment>. */
function withPlaceholdersFilled(text: string): string {
  const values: Record<string, string> = {
    TEAMS_APP_ID: '0f6c0e3a-6d1b-4c52-9a3e-6b1f2d7c8e90',
    BOT_ID: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
    BOT_DOMAIN: 'linkbot.azurewebsites.net',
    APP_NAME_SUFFIX: '',
    APP_WEBSITE_URL: 'https://linkbot.azurewebsites.net',
    APP_PRIVACY_URL: 'https://linkbot.azurewebsites.net/privacy',
    APP_TERMS_URL: 'https://linkbot.azurewebsites.net/terms',
  };
  return text.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`The manifest uses a placeholder the test does not know: ${name}`);
    return values[name] as string;
  });
}

function readPng(file: string): { width: number; height: number; colourType: number; pixels: Buffer } {
  const data = readFileSync(path.join(dir, file));
  expect(data.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const colourType = data[25] as number;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString();
    if (type === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  return { width, height, colourType, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('the Teams app package', () => {
  const raw = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(withPlaceholdersFilled(raw)) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0] & {
    bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    composeExtensions?: { commands: { id: string; parameters: { name: string }[] }[] }[];
  };

  it('validates against the official Teams manifest schema, offline', async () => {
    const errors = await AppManifestUtils.validateAgainstSchema(manifest);
    expect(errors).toEqual([]);
  });

  it('puts the bot in personal, team and group chat scopes', () => {
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('lists only commands the bot really has', () => {
    const registered = new Set(routeTableFor(FEATURES).allCommands().map((c) => c.name));
    const listed = manifest.bots[0]!.commandLists.flatMap((list) => list.commands.map((c) => c.title));
    expect(listed.filter((title) => !registered.has(title))).toEqual([]);
  });

  it('declares only message-extension commands the bot answers', () => {
    const routes = routeTableFor(FEATURES);
    const ids = (manifest.composeExtensions ?? []).flatMap((extension) => extension.commands.map((command) => command.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !routes.queryFor(id))).toEqual([]);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    const colour = readPng('color.png');
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = readPng('outline.png');
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    let transparent = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const o = y * (32 * 4 + 1) + 1 + x * 4;
        const [r, g, b, a] = [outline.pixels[o], outline.pixels[o + 1], outline.pixels[o + 2], outline.pixels[o + 3]];
        if (a === 0) transparent += 1;
        else expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(512);
  });
});
