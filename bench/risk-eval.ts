// `npm run eval:risk`: the risk detector over the labelled set (dev and holdout apart), the messages it gets wrong,
// and its throughput on 300-character messages on one core. The last line is one JSON object of figures.
import { loadRiskDetector } from '../bot/features/safeguarding/urgentHelpService';
import { projectRoot } from '../bot/projectRoot';
import { loadRiskSet, scoreRiskSet, type SetFigures } from './riskSet';
import { printFigures, round, seeded } from './support';

const root = projectRoot();
const detect = loadRiskDetector(root);
const set = loadRiskSet(root);
const onlyDev = process.argv.includes('--dev');

function report(name: string, figures: SetFigures, count: number): void {
  process.stdout.write(`\n${name} (${count} messages): recall ${(figures.recall * 100).toFixed(1)}%, false positives ${(figures.falsePositiveRate * 100).toFixed(1)}%\n`);
  for (const [kind, { messages, flagged }] of Object.entries(figures.perKind)) {
    process.stdout.write(`  ${kind.padEnd(24)} ${String(messages).padStart(4)} messages, flagged ${(flagged * 100).toFixed(1)}%\n`);
  }
  for (const m of figures.missed) process.stdout.write(`  MISSED      ${m.id} ${m.kind}: ${m.text}\n`);
  for (const m of figures.falseAlarms) process.stdout.write(`  FALSE ALARM ${m.id} ${m.kind} [${detect(m.text).concepts.join(', ')}]: ${m.text}\n`);
}

const flags = (text: string) => detect(text).risk;
const dev = set.filter((m) => m.split === 'dev');
const holdout = set.filter((m) => m.split === 'holdout');
const devFigures = scoreRiskSet(dev, flags);
report('dev', devFigures, dev.length);
const holdoutFigures = scoreRiskSet(holdout, flags);
if (!onlyDev) report('holdout (never tuned against)', holdoutFigures, holdout.length);
const all = scoreRiskSet(set, flags);
if (!onlyDev) report('all', all, set.length);

/** 300-character messages made of the set's sentences in a seeded order, so the words are those staff write. */
function messagesOf300(count: number, random: () => number): string[] {
  const sentences = set.map((m) => m.text);
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let text = '';
    while (text.length < 300) text += `${sentences[Math.floor(random() * sentences.length)]} `;
    out.push(text.slice(0, 300));
  }
  return out;
}

/** Messages whose every word is new, so every typo look-up misses the memory of earlier words: the slowest case. */
function novelMessagesOf300(count: number, random: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < 300) text += `${Array.from({ length: 4 + Math.floor(random() * 6) }, () => letters[Math.floor(random() * 26)]).join('')} `;
    return text.slice(0, 300);
  });
}

function throughput(messages: readonly string[], seconds: number): number {
  for (const m of messages.slice(0, 2000)) detect(m);
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 1000; i += 1) detect(messages[(done + i) % messages.length] as string);
    done += 1000;
  }
  return done / ((performance.now() - started) / 1000);
}

const messagesPerSecond = throughput(messagesOf300(20_000, seeded(13)), 3);
const novel = novelMessagesOf300(5_000, seeded(14));
const novelStarted = performance.now();
for (const m of novel) detect(m);
const novelPerSecond = novel.length / ((performance.now() - novelStarted) / 1000);
const huge = 'x'.repeat(50_000) + ' she wants to kill herself ' + 'lorem ipsum dolor '.repeat(2_800);
const hugeStarted = performance.now();
const hugeFound = detect(huge).risk;
const hugeMs = performance.now() - hugeStarted;
process.stdout.write(`\nthroughput, one core: ${Math.round(messagesPerSecond).toLocaleString('en-GB')} messages/s of 300 characters (staff wording); ${Math.round(novelPerSecond).toLocaleString('en-GB')} messages/s when every word is new; a 100,000-character message in ${hugeMs.toFixed(0)} ms (risk found: ${hugeFound})\n`);

const perKind = Object.fromEntries(Object.entries(all.perKind).map(([kind, f]) => [kind, round(f.flagged, 4)]));
printFigures({
  recall: round(all.recall, 4),
  falsePositiveRate: round(all.falsePositiveRate, 4),
  perKind,
  dev: { recall: round(devFigures.recall, 4), falsePositiveRate: round(devFigures.falsePositiveRate, 4), messages: dev.length },
  holdout: { recall: round(holdoutFigures.recall, 4), falsePositiveRate: round(holdoutFigures.falsePositiveRate, 4), messages: holdout.length },
  messagesPerSecond: Math.round(messagesPerSecond),
  messagesPerSecondAllNewWords: Math.round(novelPerSecond),
  hugeMessageMs: round(hugeMs, 1),
});
