// `contacts import <area>` (coordinators) with a CSV or JSON file attached, or pasted after the area on the next line.
// All or nothing: every row is checked first; one bad row rejects the file with row numbers, and nothing is written.
import { noticeCard } from '../../../platform/cards/notice';
import { areasFor, matchArea } from '../flows';
import { checkContactRows, compareDirectories, CONTACT_COLUMNS, slugOf, type ContactArea } from '../domain/contacts';
import { formatOf, parseContactFile } from '../domain/contactFile';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'contacts import',
  usage: 'contacts import <area> (attach a CSV or JSON file, or paste it on the next lines)',
  description: 'Replace an area\'s referral directory. Every row is checked; one bad row and nothing changes.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

/** Row problems listed before "and N more". */
const LISTED_PROBLEMS = 20;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'import contacts');
  const { areaText, pasted } = splitArgs(input.args);
  const files = input.files ?? [];
  if (files.length > 1) throw validationError('Send one file at a time.');
  const file = files[0];
  if (file && pasted.length > 0) throw validationError('Send either a file or pasted contacts, not both.');
  if (!file && pasted.length === 0) {
    throw validationError('Attach a CSV or JSON file to the message (in personal chat with me), or paste the contacts on the lines after the command.', [
      `Usage: ${route.usage}`,
      `CSV columns: ${CONTACT_COLUMNS.join(', ')}`,
    ]);
  }
  const area = await areaFor(areaText, input, services);

  let text = pasted;
  let fileType: string | undefined;
  if (file) {
    fileType = file.fileType.toLowerCase();
    if (fileType !== 'csv' && fileType !== 'json') {
      throw validationError(`"${file.name.slice(0, 80)}" is a ${fileType || 'file of unknown type'}; I accept CSV or JSON. In Excel use "Save as: CSV UTF-8".`);
    }
    text = await services.attachments.text(file.downloadUrl);
  }
  const format = formatOf(text, fileType);
  if (!format) throw validationError('I could not tell whether that is CSV or JSON. Start CSV with its header row, or JSON with [.');
  const parsed = parseContactFile(text, format);
  if (!parsed.ok) throw validationError(`Nothing was imported. ${parsed.problem}`);
  const checked = checkContactRows(parsed.rows);
  if (!checked.ok) {
    const lines = checked.errors.slice(0, LISTED_PROBLEMS).map((e) => (e.row === 0 ? e.problems.join('; ') : `Row ${e.row}: ${e.problems.join('; ')}`));
    if (checked.errors.length > LISTED_PROBLEMS) lines.push(`... and ${checked.errors.length - LISTED_PROBLEMS} more rows with problems.`);
    const rows = checked.errors.filter((e) => e.row > 0).length;
    throw validationError(
      `Nothing was imported: ${rows > 0 ? `${rows} ${rows === 1 ? 'row has' : 'rows have'} problems` : 'the file has a problem'}. Fix ${rows === 1 ? 'it' : 'them'} and send the whole file again.`,
      lines,
    );
  }

  const current = await services.contacts.repository.load(input.caller.tenantId, area.id);
  const changes = compareDirectories(current?.contacts ?? [], checked.contacts);
  await services.contacts.repository.replace(input.caller.tenantId, area, checked.contacts, {
    version: services.ids.newId().replace(/[^0-9a-z]/gi, '').toLowerCase(),
    importedBy: input.caller.aadObjectId,
    now: input.now,
    expectedEtag: current?.etag,
    previousVersion: current?.version,
  });
  services.logger.info({ event: 'contacts.imported', area: area.id, count: checked.contacts.length, ...changes, by: input.caller.aadObjectId }, 'contacts imported');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Directory imported: ${area.name}`,
      message: `${area.name} now has ${checked.contacts.length} ${checked.contacts.length === 1 ? 'contact' : 'contacts'}.`,
      details: [`Added: ${changes.added}`, `Changed: ${changes.changed}`, `Removed: ${changes.removed}`, `Unchanged: ${changes.unchanged}`],
      style: 'good',
    }),
  );
}

/** The first line names the area; contacts may be pasted on the lines after it. */
function splitArgs(args: string): { areaText: string; pasted: string } {
  const newline = args.indexOf('\n');
  const first = (newline === -1 ? args : args.slice(0, newline)).trim();
  const rest = newline === -1 ? '' : args.slice(newline + 1).trim();
  // Pasted straight after the command with no area: the first line is data, not a name.
  if (/^[[{]/.test(first) || first.includes(',')) return { areaText: '', pasted: args.trim() };
  return { areaText: first, pasted: rest };
}

async function areaFor(areaText: string, input: CommandInput, services: Services): Promise<ContactArea> {
  const { areas, remembered } = await areasFor(input.caller, services);
  if (areaText.length === 0) {
    if (remembered) return remembered;
    throw validationError(`Name the area the contacts are for. Usage: ${route.usage}`);
  }
  const existing = matchArea(areaText, areas);
  if (existing) return existing;
  const name = areaText.replace(/\s+/g, ' ').trim();
  const id = slugOf(name);
  if (name.length > 60 || id.length === 0) throw validationError('An area name needs letters or digits and at most 60 characters, e.g. "Salford".');
  return { id, name };
}
