// `schools import <area>` (coordinators) with the register CSV attached in personal chat: GIAS's "all establishment
// data" file (kept: the open establishments of the area's LA codes) or a hand-made URN,name,phase[,kind] file.
// Read as it downloads; one unreadable row that may be the area's rejects the file with row numbers, and nothing is written.
import { isAreaId } from '../../../domain/areas';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import { noticeCard } from '../../../platform/cards/notice';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { compareRegisters, type RegisterChanges } from '../domain/register';
import { readRegisterFile, RegisterFileError, type RegisterRead } from '../registerFile';

export const route = {
  name: 'schools import',
  usage: 'schools import <area> (attach the Get Information about Schools "all establishment data" CSV, or a CSV with URN,name,phase[,kind])',
  description: "Replace an area's school register from the national register (open schools of the area's LA codes) or a hand-made list.",
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

/** Names listed per kind of change before "and N more". */
const LISTED_NAMES = 10;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'import a school register');
  const areaId = input.args.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!isAreaId(areaId)) throw validationError(`Name the area the register is for. Usage: ${route.usage}`);
  const files = input.files ?? [];
  if (files.length > 1) throw validationError('Send one file at a time.');
  const file = files[0];
  if (!file) {
    throw validationError('Attach the register as a CSV file to the message (in personal chat with me).', [
      `Usage: ${route.usage}`,
      'The national register: Get Information about Schools, Downloads, "Establishment fields CSV" (all establishment data).',
      'Or a hand-made CSV with the header URN,name,phase and optionally kind (school or service, e.g. for CYPMHS teams).',
    ]);
  }
  const fileType = file.fileType.toLowerCase();
  if (fileType !== 'csv') {
    throw validationError(`"${file.name.slice(0, 80)}" is a ${fileType || 'file of unknown type'}; I accept the register as CSV. Unzip the GIAS download and send the .csv file inside.`);
  }
  const tenantId = input.caller.tenantId;
  const area = await services.schools.repository.area(tenantId, areaId);
  const bytes = await services.attachments.stream(file.downloadUrl, {
    maxBytes: services.config.SCHOOLS_IMPORT_MAX_BYTES,
    timeoutMs: services.config.SCHOOLS_IMPORT_TIMEOUT_MS,
  });
  let read: RegisterRead;
  try {
    read = await readRegisterFile(bytes, new Set(area?.laCodes ?? []));
  } catch (error) {
    if (error instanceof RegisterFileError) throw validationError('Nothing was imported.', error.problems);
    throw error;
  }
  if (read.malformedOfArea > 0) {
    const rows = read.malformedOfArea;
    throw validationError(
      `Nothing was imported: ${rows} ${rows === 1 ? 'row' : 'rows'}${read.format === 'gias' ? ` that may be ${areaId}'s` : ''} could not be read. Fix ${rows === 1 ? 'it' : 'them'} and send the whole file again.`,
      [...read.malformed.filter((m) => m.ofArea).map((m) => `Row ${m.row}: ${m.problem}`), ...(rows > read.malformed.filter((m) => m.ofArea).length ? [`... and ${rows - read.malformed.filter((m) => m.ofArea).length} more.`] : [])],
    );
  }
  if (read.kept.length === 0) {
    throw validationError(
      read.format === 'gias'
        ? `Nothing was imported: the file has no open establishment with LA code ${area?.laCodes.join(', ')}. Check the codes ("area set ${areaId} la <codes>") and the file.`
        : 'Nothing was imported: the file has a header and no rows.',
      readSummary(read),
    );
  }

  const before = area?.generation ? await services.schools.repository.load(tenantId, areaId) : undefined;
  const changes = compareRegisters(before?.entries ?? [], read.kept);
  await services.schools.repository.replace(tenantId, areaId, read.kept, {
    generation: services.ids.newId().replace(/[^0-9a-z]/gi, '').toLowerCase(),
    importedBy: input.caller.aadObjectId,
    now: input.now,
    expected: before?.area ?? area,
  });
  const schools = read.kept.filter((entry) => entry.kind === 'school').length;
  const servicesCount = read.kept.length - schools;
  services.logger.info(
    {
      event: 'schools.imported',
      area: areaId,
      format: read.format,
      rows: read.rows,
      kept: read.kept.length,
      added: changes.added.length,
      closed: changes.closed.length,
      renamed: changes.renamed.length,
      by: input.caller.aadObjectId,
    },
    'school register imported',
  );
  return reply.card(
    services.cards.render(noticeCard, {
      title: `School register imported: ${areaId}`,
      message: `${areaId} now has ${plural(schools, 'school')}${servicesCount > 0 ? ` and ${plural(servicesCount, 'service')}` : ''}${read.format === 'gias' ? ` (open establishments of LA ${area?.laCodes.join(', ')})` : ''}.`,
      details: [...readSummary(read), ...changeLines(changes, before !== undefined)],
      style: 'good',
    }),
  );
}

function readSummary(read: RegisterRead): string[] {
  const { skipped } = read;
  const lines = [`Rows read: ${read.rows.toLocaleString('en-GB')} (${read.format === 'gias' ? 'Get Information about Schools' : 'hand-made'} file, ${read.encoding})`, `Kept: ${read.kept.length.toLocaleString('en-GB')}`];
  const reasons = [
    skipped['other LA'] > 0 ? `${skipped['other LA'].toLocaleString('en-GB')} of other local authorities` : '',
    skipped.closed > 0 ? `${skipped.closed.toLocaleString('en-GB')} closed` : '',
    skipped['proposed to open'] > 0 ? `${skipped['proposed to open']} proposed to open` : '',
    skipped.malformed > 0 ? `${skipped.malformed} unreadable (rows ${read.malformed.map((m) => m.row).join(', ')}${skipped.malformed > read.malformed.length ? ', …' : ''})` : '',
  ].filter((reason) => reason.length > 0);
  if (reasons.length > 0) lines.push(`Skipped: ${reasons.join('; ')}`);
  return lines;
}

function changeLines(changes: RegisterChanges, hadRegister: boolean): string[] {
  if (!hadRegister) return [];
  const names = (list: readonly string[]) => `${list.slice(0, LISTED_NAMES).join(', ')}${list.length > LISTED_NAMES ? ` and ${list.length - LISTED_NAMES} more` : ''}`;
  return [
    `Added: ${changes.added.length}${changes.added.length > 0 ? ` (${names(changes.added.map((e) => e.name))})` : ''}`,
    `Closed or gone from the file: ${changes.closed.length}${changes.closed.length > 0 ? ` (${names(changes.closed.map((e) => e.name))})` : ''}`,
    `Renamed: ${changes.renamed.length}${changes.renamed.length > 0 ? ` (${names(changes.renamed.map((r) => `${r.from} → ${r.to}`))})` : ''}`,
    `Unchanged: ${changes.unchanged}`,
  ];
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;
}
