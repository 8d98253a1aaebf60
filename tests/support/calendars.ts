// The Kent 2025/26 term dates (tests/fixtures/calendars), a real council's published year: as a coordinator pastes
// them after `calendar import`, and as the bot reads them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePastedCalendar } from '../../bot/features/networks/commands/calendar';
import type { TermCalendar } from '../../bot/domain/termCalendar';

export function kentCalendarCsv(): string {
  return readFileSync(path.join(__dirname, '..', 'fixtures', 'calendars', 'kent-2025-26.csv'), 'utf8');
}

export function kentCalendar(): TermCalendar {
  return parsePastedCalendar(kentCalendarCsv());
}
