// Benchmark: contacts query latency over a generated 5,000-entry directory, the contacts index vs a plain linear substring
// scan of the same data (the naive baseline), plus the service path (pointer read on Azurite + cached index).
// Last output line: one JSON object of figures.
import { performance } from 'node:perf_hooks';
import { ContactIndex, haystackOf, linearScan, readQuery } from '../bot/features/contacts/domain/contactSearch';
import { createLogger } from '../bot/logger';
import { projectRoot } from '../bot/projectRoot';
import { ContactDirectory } from '../bot/features/contacts/directory';
import { createStorageAccount } from '../bot/platform/storage/account';
import { CONTACTS_TABLE, ContactRepository } from '../bot/features/contacts/contactRepository';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { percentile, printFigures, round } from './support';
import { generateDirectory, QUERIES } from './support/generatedDirectory';

const ENTRIES = 5_000;
const ROUNDS = 40;
const SERVICE_ROUNDS = 10;
const BENCH_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Times both approaches on the same query back to back, so load from other processes falls on both alike. */
function measurePair(first: (text: string) => void, second: (text: string) => void, rounds: number): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const text of QUERIES) {
      let start = performance.now();
      first(text);
      a.push(performance.now() - start);
      start = performance.now();
      second(text);
      b.push(performance.now() - start);
    }
  }
  return [a.sort((x, y) => x - y), b.sort((x, y) => x - y)];
}

const round3 = (n: number) => round(n, 3);

async function main(): Promise<void> {
  const contacts = generateDirectory(ENTRIES);
  const buildStart = performance.now();
  const index = new ContactIndex(contacts);
  const indexBuildMs = performance.now() - buildStart;
  const haystacks = contacts.map((contact) => ({ contact, haystack: haystackOf(contact) }));

  let indexHits = 0;
  let baselineHits = 0;
  const searchIndex = (text: string) => {
    indexHits += index.find(readQuery(text), 5).length;
  };
  const scan = (text: string) => {
    baselineHits += linearScan(haystacks, readQuery(text), 5).length;
  };
  // Warm up both paths so the JIT has seen them before timing.
  measurePair(searchIndex, scan, 3);
  indexHits = 0;
  baselineHits = 0;
  const [indexed, baseline] = measurePair(searchIndex, scan, ROUNDS);

  // The service path a Teams question takes: one pointer read on Azurite, then the cached index.
  const azurite = await startAzurite({ projectRoot: projectRoot() });
  let serviceSamples: number[] = [];
  try {
    const storage = createStorageAccount(azurite.connectionString, 'bench');
    await storage.ensure([CONTACTS_TABLE]);
    const repository = new ContactRepository(storage, createLogger('silent'));
    const importStart = performance.now();
    await repository.replace(BENCH_TENANT, { id: 'bench', name: 'Bench' }, contacts, { version: 'v1', importedBy: 'bench', now: new Date() });
    const importMs = performance.now() - importStart;
    const directory = new ContactDirectory(repository);
    await directory.searchable(BENCH_TENANT, 'bench');
    for (let round = 0; round < SERVICE_ROUNDS; round += 1) {
      for (const text of QUERIES) {
        const start = performance.now();
        const searchable = await directory.searchable(BENCH_TENANT, 'bench');
        searchable?.index.find(readQuery(text), 5);
        serviceSamples.push(performance.now() - start);
      }
    }
    serviceSamples = serviceSamples.sort((a, b) => a - b);
    console.log(`import of ${ENTRIES} contacts into Azurite (versioned, batches of 100): ${importMs.toFixed(0)} ms`);
  } finally {
    await azurite.stop();
  }

  const figures = {
    bench: 'contacts-search',
    entries: ENTRIES,
    queries: indexed.length,
    p50Ms: round3(percentile(indexed, 50)),
    p99Ms: round3(percentile(indexed, 99)),
    baselineP50Ms: round3(percentile(baseline, 50)),
    baselineP99Ms: round3(percentile(baseline, 99)),
    p50SpeedupOverBaseline: round3(percentile(baseline, 50) / percentile(indexed, 50)),
    p99UnderBaselineP50: percentile(indexed, 99) < percentile(baseline, 50),
    indexBuildMs: round3(indexBuildMs),
    serviceP50Ms: round3(percentile(serviceSamples, 50)),
    serviceP99Ms: round3(percentile(serviceSamples, 99)),
    resultsPerQueryIndexed: round3(indexHits / indexed.length),
    resultsPerQueryBaseline: round3(baselineHits / baseline.length),
  };
  console.log(`Contacts index: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms over ${figures.queries} queries (${figures.resultsPerQueryIndexed} results each on average)`);
  console.log(`Linear substring scan (baseline): p50 ${figures.baselineP50Ms} ms, p99 ${figures.baselineP99Ms} ms (${figures.resultsPerQueryBaseline} results each on average)`);
  console.log(`Baseline p50 / index p50: ${figures.p50SpeedupOverBaseline}; index p99 under baseline p50: ${figures.p99UnderBaselineP50}`);
  console.log(`Service path (pointer read on Azurite + cached index): p50 ${figures.serviceP50Ms} ms, p99 ${figures.serviceP99Ms} ms; index build ${figures.indexBuildMs} ms once per version`);
  printFigures(figures);
}

main().catch((error: unknown) => {
  process.stderr.write(`contacts-search benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
