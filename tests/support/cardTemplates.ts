// Every card template in the project: the JSON files in a cards/ folder under bot/ (each beside its card module).
import { readdirSync } from 'node:fs';
import path from 'node:path';

const botFolder = path.join(__dirname, '..', '..', 'bot');

/** Paths relative to bot/, e.g. `features/panel/cards/panelCase.json`, sorted. */
export function cardTemplateFiles(): string[] {
  return readdirSync(botFolder, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.json') && path.posix.basename(path.posix.dirname(file)) === 'cards')
    .sort();
}

export function cardTemplatePath(file: string): string {
  return path.join(botFolder, file);
}
