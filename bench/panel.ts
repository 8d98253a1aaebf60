// Benchmarks the panel's two hot paths: the identifier scanner over a large generated set (with its false-negative and
// false-positive counts), and case reference allocation under concurrent submits against Azurite.
// Baselines in the same run: a single trivial regex pass over the same texts, and sequential allocation.
import { performance } from 'node:perf_hooks';
import { scanForIdentifiers } from '../bot/features/panel/domain/identifiers';
import { projectRoot } from '../bot/projectRoot';
import { createStorageAccount } from '../bot/platform/storage/account';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE, PanelRepository } from '../bot/features/panel/panelRepository';
import { generateCorpus } from './support/identifierCorpus';

async function main(): Promise<void> {
  const corpus = generateCorpus(4242, 3000);
  let falseNegatives = 0;
  let falsePositives = 0;
  for (const sample of corpus) {
    const found = scanForIdentifiers(sample.text);
    const e = sample.expected;
    if (e) {
      if (!found.some((m) => m.kind === e.kind && m.start <= e.start && m.end >= e.end)) falseNegatives += 1;
      if (found.some((m) => m.end <= e.start || m.start >= e.end)) falsePositives += 1;
    } else if (found.length > 0) {
      falsePositives += 1;
    }
  }
  const positives = corpus.filter((s) => s.expected).length;
  const negatives = corpus.length - positives;

  const texts = corpus.map((s) => s.text);
  const time = (fn: (text: string) => unknown, rounds: number): number => {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) for (const text of texts) fn(text);
    return (performance.now() - start) / rounds;
  };
  const baselineRegex = /\d{3}|@/g;
  time(scanForIdentifiers, 1);
  const baselineMs = time((text) => text.match(baselineRegex), 5);
  const scanMs = time(scanForIdentifiers, 5);
  const textsPerSecond = Math.round(texts.length / (scanMs / 1000));
  console.log(`scanner: ${corpus.length} texts (${positives} with an identifier, ${negatives} near misses/ordinary)`);
  console.log(`  false negatives ${falseNegatives}/${positives}, false positives ${falsePositives}/${corpus.length}`);
  console.log(`  ${scanMs.toFixed(1)} ms per pass (${textsPerSecond} texts/s); trivial regex baseline ${baselineMs.toFixed(1)} ms; ratio ${(scanMs / baselineMs).toFixed(1)}x`);

  const azurite = await startAzurite({ projectRoot: projectRoot() });
  try {
    const storage = createStorageAccount(azurite.connectionString, 'bench');
    await storage.ensure([PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE]);
    const panels = new PanelRepository(storage);
    const count = 100;
    let start = performance.now();
    for (let i = 0; i < count; i++) await panels.allocateReference('bench', 'sequential', 2026);
    const sequentialMs = performance.now() - start;
    start = performance.now();
    const refs = await Promise.all(Array.from({ length: count }, () => panels.allocateReference('bench', 'concurrent', 2026)));
    const concurrentMs = performance.now() - start;
    const duplicates = count - new Set(refs).size;
    console.log(`allocation: ${count} references sequentially ${sequentialMs.toFixed(0)} ms, ${count} at once ${concurrentMs.toFixed(0)} ms (ratio ${(concurrentMs / sequentialMs).toFixed(2)}), duplicates ${duplicates}`);
    console.log(
      JSON.stringify({
        bench: 'panel',
        texts: corpus.length,
        falseNegatives,
        falsePositives,
        scanTextsPerSecond: textsPerSecond,
        scanOverBaseline: Number((scanMs / baselineMs).toFixed(1)),
        allocations: count,
        sequentialMs: Math.round(sequentialMs),
        concurrentMs: Math.round(concurrentMs),
        concurrentOverSequential: Number((concurrentMs / sequentialMs).toFixed(2)),
        duplicates,
      }),
    );
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
