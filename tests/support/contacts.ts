// The realistic two-area referral directory in tests/fixtures/contacts, read through the same parsing and checks as an import.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseContactFile } from '../../bot/features/contacts/domain/contactFile';
import { checkContactRows, type Contact } from '../../bot/features/contacts/domain/contacts';

export function contactsFixtureText(name: 'salford.csv' | 'oldham.json'): string {
  return readFileSync(path.join(__dirname, '..', 'fixtures', 'contacts', name), 'utf8');
}

export function fixtureDirectory(name: 'salford.csv' | 'oldham.json'): Contact[] {
  const parsed = parseContactFile(contactsFixtureText(name), name.endsWith('.csv') ? 'csv' : 'json');
  if (!parsed.ok) throw new Error(parsed.problem);
  const checked = checkContactRows(parsed.rows);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return [...checked.contacts];
}
