// Benchmark: the school register import. Generates the national GIAS file (50,000 rows, the published 140 columns,
// Windows-1252, about 1.3 KB a row) on disk, streams it through the import's own reader, and samples memory while it
// reads (in a fresh child process, so the generator's memory is not in its baseline); then the whole import for one area (the read plus writing its few hundred schools) on Azurite.
// Last output line: one JSON object with rows, seconds, rowsPerSecond and peakExtraMb.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareRegisters } from '../bot/features/schools/domain/register';
import { readRegisterFile } from '../bot/features/schools/registerFile';
import { SCHOOLS_TABLE, SchoolRepository } from '../bot/features/schools/schoolRepository';
import { createLogger } from '../bot/logger';
import { projectRoot } from '../bot/projectRoot';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { createStorageAccount } from '../bot/platform/storage/account';
import { printFigures, round } from './support';
import { GIAS_HEADER, generateSchools, giasLine, realisticFiller, windows1252 } from './support/generatedRegister';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const AREA_LA = '894';
const BENCH_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SAMPLE_MS = 10;

async function writeFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve, reject) => out.write(windows1252(text), (error) => (error ? reject(error) : resolve())));
  await write(`${GIAS_HEADER.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')}\r\n`);
  const schools = generateSchools(ROWS);
  for (let start = 0; start < schools.length; start += 1000) {
    await write(schools.slice(start, start + 1000).map((school) => `${giasLine(school, GIAS_HEADER, realisticFiller)}\r\n`).join(''));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Resident memory above `baseline`, sampled every 10 ms while `work` runs; the largest value seen. */
async function peakExtraMb<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; seconds: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  const start = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: (peak - baseline) / 1024 / 1024, seconds: (performance.now() - start) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'schools-import-'));
  const file = path.join(folder, 'edubasealldata.csv');
  try {
    await writeFile(file);
    const fileMb = statSync(file).size / 1024 / 1024;
    const child = execFileSync(process.execPath, ['--expose-gc', __filename, '--read', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const parse = JSON.parse(child.trim().split('\n').at(-1) ?? '') as { seconds: number; peakMb: number; result: ReadFigures };
    const read = parse.result;
    console.log(`read ${read.rows.toLocaleString('en-GB')} rows (${fileMb.toFixed(1)} MB, ${read.encoding}) in ${parse.seconds.toFixed(2)} s: ${Math.round(read.rows / parse.seconds).toLocaleString('en-GB')} rows/s, peak ${parse.peakMb.toFixed(1)} MB above the start`);
    console.log(`kept ${read.kept.length} for LA ${AREA_LA}; skipped ${JSON.stringify(read.skipped)}`);

    const azurite = await startAzurite({ projectRoot: projectRoot() });
    let endToEnd: { seconds: number; peakMb: number; kept: number; writeSeconds: number; reimportSeconds: number };
    try {
      const storage = createStorageAccount(azurite.connectionString, 'bench');
      await storage.ensure([SCHOOLS_TABLE]);
      const repository = new SchoolRepository(storage, createLogger('silent'));
      await repository.setLaCodes(BENCH_TENANT, 'telford', [AREA_LA], new Date());
      // What `schools import` does after the download: read, load the current register, compare, replace.
      const importOnce = async (generation: string) => {
        const area = await repository.area(BENCH_TENANT, 'telford');
        const fresh = await readRegisterFile(createReadStream(file), new Set(area?.laCodes ?? []));
        const writeStart = performance.now();
        const before = area?.generation ? await repository.load(BENCH_TENANT, 'telford') : undefined;
        compareRegisters(before?.entries ?? [], fresh.kept);
        await repository.replace(BENCH_TENANT, 'telford', fresh.kept, { generation, importedBy: 'bench', now: new Date(), expected: before?.area ?? area });
        return { kept: fresh.kept.length, writeSeconds: (performance.now() - writeStart) / 1000 };
      };
      const first = await peakExtraMb(() => importOnce('g1'));
      const again = await peakExtraMb(() => importOnce('g2'));
      endToEnd = { seconds: first.seconds, peakMb: Math.max(first.peakMb, again.peakMb), kept: first.result.kept, writeSeconds: first.result.writeSeconds, reimportSeconds: again.seconds };
      console.log(`import for one area on Azurite: ${endToEnd.kept} schools, ${endToEnd.seconds.toFixed(2)} s (writes ${endToEnd.writeSeconds.toFixed(2)} s); re-import (old generation read, compared, deleted) ${endToEnd.reimportSeconds.toFixed(2)} s; peak ${endToEnd.peakMb.toFixed(1)} MB`);
    } finally {
      await azurite.stop();
    }

    printFigures({
      bench: 'schools-import',
      rows: read.rows,
      fileMb: round(fileMb, 1),
      columns: GIAS_HEADER.length,
      seconds: round(parse.seconds, 3),
      rowsPerSecond: Math.round(read.rows / parse.seconds),
      peakExtraMb: round(parse.peakMb, 1),
      kept: read.kept.length,
      areaImportSeconds: round(endToEnd.seconds, 3),
      areaWriteSeconds: round(endToEnd.writeSeconds, 3),
      areaReimportSeconds: round(endToEnd.reimportSeconds, 3),
      areaPeakExtraMb: round(endToEnd.peakMb, 1),
      targetsMet: parse.seconds < 10 && parse.peakMb < 150,
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface ReadFigures {
  readonly rows: number;
  readonly encoding: string;
  readonly kept: { readonly length: number };
  readonly skipped: Record<string, number>;
}

/** The child's part: one timed read of the file with memory sampled, printed as one JSON line. */
async function readOnly(file: string): Promise<void> {
  const laCodes = new Set([AREA_LA]);
  // A warm-up read of a tenth, so the JIT has seen the reader before it is timed.
  await readRegisterFile(createReadStream(file, { end: Math.floor(statSync(file).size / 10) }), laCodes).catch(() => undefined);
  const measured = await peakExtraMb(() => readRegisterFile(createReadStream(file), laCodes));
  const { rows, encoding, kept, skipped } = measured.result;
  printFigures({ seconds: measured.seconds, peakMb: measured.peakMb, result: { rows, encoding, kept: { length: kept.length }, skipped } });
}

const readArg = process.argv.indexOf('--read');
const readPath = readArg === -1 ? undefined : process.argv[readArg + 1];
(readArg === -1 ? main() : readPath === undefined ? Promise.reject(new Error('--read needs a file path')) : readOnly(readPath)).catch((error: unknown) => {
  process.stderr.write(`schools-import benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
