// Reads bot/data/five-steps.json once at start-up; a bad file stops start-up, naming the file and each problem.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFramework, type Framework } from './domain/framework';

export function frameworkFilePath(root: string): string {
  return path.join(root, 'bot', 'data', 'five-steps.json');
}

export function loadFramework(root: string): Framework {
  const file = frameworkFilePath(root);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} could not be read as JSON (${error instanceof Error ? error.message : 'unknown error'}); fix it and start again.`);
  }
  return readFramework(json, file);
}
