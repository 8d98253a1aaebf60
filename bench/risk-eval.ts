// `npm run eval:risk`: the risk detector over every labelled set (dev and holdout apart, per source), the dev messages it
// gets wrong, and its throughput on 300-character messages on one core. The last line is one JSON object of figures.
// Holdout messages are named by id only (`--show-holdout` prints them), so reading the report does not tune against them.
import { createRiskDetector } from '../bot/features/safeguarding/domain/risk';
import { loadRiskLexicons } from '../bot/features/safeguarding/urgentHelpService';
import { projectRoot } from '../bot/projectRoot';
import { loadRiskSet, RISK_SOURCES, scoreRiskSet, type LabelledMessage, type SetFigures } from './riskSet';
import { printFigures, round, seeded } from './support';

const root = projectRoot();
const lexicons = loadRiskLexicons(root);
const detect = createRiskDetector(lexicons);
/** The same detector without its statistical second opinion, to show what the model adds. */
const { model: _model, ...rulesOnly } = lexicons;
const detectByRules = createRiskDetector(rulesOnly);
const set = loadRiskSet(root);
const showHoldout = process.argv.includes('--show-holdout');
const quiet = process.argv.includes('--quiet');

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function report(name: string, figures: SetFigures, messages: readonly LabelledMessage[], showText: boolean): void {
  const risky = messages.filter((m) => m.risk).length;
  process.stdout.write(
    `\n${name} (${messages.length} messages): recall ${percent(figures.recall)} (${figures.missed.length} of ${risky} missed), false positives ${percent(figures.falsePositiveRate)} (${figures.falseAlarms.length} of ${messages.length - risky})\n`,
  );
  for (const [kind, { messages: n, flagged }] of Object.entries(figures.perKind)) process.stdout.write(`  ${kind.padEnd(24)} ${String(n).padStart(4)} messages, flagged ${percent(flagged)}\n`);
  if (quiet) return;
  if (!showText) {
    if (figures.missed.length > 0) process.stdout.write(`  missed: ${figures.missed.map((m) => m.id).join(' ')}\n`);
    if (figures.falseAlarms.length > 0) process.stdout.write(`  false alarms: ${figures.falseAlarms.map((m) => m.id).join(' ')}\n`);
    return;
  }
  for (const m of figures.missed) process.stdout.write(`  MISSED      ${m.id} ${m.kind}: ${m.text}\n`);
  for (const m of figures.falseAlarms) process.stdout.write(`  FALSE ALARM ${m.id} ${m.kind} [${detect(m.text).concepts.join(', ')}]: ${m.text}\n`);
}

const flags = (text: string) => detect(text).risk;
const flagsByRules = (text: string) => detectByRules(text).risk;
type Split = 'dev' | 'holdout';
interface Figures {
  recall: number;
  falsePositiveRate: number;
  messages: number;
}
const figuresOf = (f: SetFigures, messages: number): Figures => ({ recall: round(f.recall, 4), falsePositiveRate: round(f.falsePositiveRate, 4), messages });
const bySource: Record<string, Partial<Record<Split, Figures & { rulesAlone: Figures }>>> = {};
for (const { source } of RISK_SOURCES) {
  for (const split of ['dev', 'holdout'] as const) {
    const part = set.filter((m) => m.source === source && m.split === split);
    if (part.length === 0) continue;
    const figures = scoreRiskSet(part, flags);
    const byRules = scoreRiskSet(part, flagsByRules);
    report(`${source}, ${split}${split === 'holdout' ? ' (never tuned against)' : ''}`, figures, part, split === 'dev' || showHoldout);
    if (lexicons.model) process.stdout.write(`  rules alone, without the model: recall ${percent(byRules.recall)}, false positives ${percent(byRules.falsePositiveRate)}\n`);
    (bySource[source] ??= {})[split] = { ...figuresOf(figures, part.length), rulesAlone: figuresOf(byRules, part.length) };
  }
}
const dev = set.filter((m) => m.split === 'dev');
const holdout = set.filter((m) => m.split === 'holdout');
const devFigures = scoreRiskSet(dev, flags);
const holdoutFigures = scoreRiskSet(holdout, flags);
const all = scoreRiskSet(set, flags);
process.stdout.write(`\nevery dev message (${dev.length}): recall ${percent(devFigures.recall)}, false positives ${percent(devFigures.falsePositiveRate)}\n`);
process.stdout.write(`every holdout message (${holdout.length}): recall ${percent(holdoutFigures.recall)}, false positives ${percent(holdoutFigures.falsePositiveRate)}\n`);

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

/**
 * The reference workload, measured in the same run so that a figure from a busy shared machine means something: the same
 * messages only lower-cased and split into words, each word looked up in a set (what any word-based check must at least do).
 */
const referenceWords = new Set(set.flatMap((m) => m.text.toLowerCase().split(/[^a-z0-9']+/)).slice(0, 5_000));
let referenceHits = 0;
function reference(text: string): void {
  for (const word of text.toLowerCase().split(/[^a-z0-9']+/)) if (referenceWords.has(word)) referenceHits += 1;
}

function rate(work: (text: string) => unknown, messages: readonly string[], seconds: number): number {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 1000; i += 1) work(messages[(done + i) % messages.length] as string);
    done += 1000;
  }
  return done / ((performance.now() - started) / 1000);
}

/** The detector and the reference in turns, several rounds, the median of each and of their ratio: load that comes and
 * goes on a shared machine falls on both alike. */
function throughputAgainstReference(messages: readonly string[], rounds: number, seconds: number): { detector: number; reference: number; ratio: number } {
  for (const m of messages.slice(0, 2000)) {
    detect(m);
    reference(m);
  }
  const detectorRates: number[] = [];
  const referenceRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const d = rate(detect, messages, seconds);
    const r = rate(reference, messages, seconds);
    detectorRates.push(d);
    referenceRates.push(r);
    ratios.push(d / r);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return { detector: median(detectorRates), reference: median(referenceRates), ratio: median(ratios) };
}

const measured = throughputAgainstReference(messagesOf300(20_000, seeded(13)), 5, 0.6);
const messagesPerSecond = measured.detector;
const novel = novelMessagesOf300(5_000, seeded(14));
const novelStarted = performance.now();
for (const m of novel) detect(m);
const novelPerSecond = novel.length / ((performance.now() - novelStarted) / 1000);
const huge = 'x'.repeat(50_000) + ' she wants to kill herself ' + 'lorem ipsum dolor '.repeat(2_800);
const hugeStarted = performance.now();
const hugeFound = detect(huge).risk;
const hugeMs = performance.now() - hugeStarted;
process.stdout.write(
  `\nreference workload (the same messages lower-cased, split into words and each word looked up in a set): ${Math.round(measured.reference).toLocaleString('en-GB')} messages/s in this run; ` +
    `the detector runs at ${measured.ratio.toFixed(3)} of it (median of 5 rounds taken in turns; ${referenceHits > 0 ? 'words' : 'no words'} seen)\n`,
);
process.stdout.write(
  `throughput, one core: ${Math.round(messagesPerSecond).toLocaleString('en-GB')} messages/s of 300 characters (staff wording); ${Math.round(novelPerSecond).toLocaleString('en-GB')} messages/s when every word is new; a 100,000-character message in ${hugeMs.toFixed(0)} ms (risk found: ${hugeFound})\n`,
);

const perKind = Object.fromEntries(Object.entries(all.perKind).map(([kind, f]) => [kind, round(f.flagged, 4)]));
printFigures({
  recall: round(all.recall, 4),
  falsePositiveRate: round(all.falsePositiveRate, 4),
  perKind,
  dev: { recall: round(devFigures.recall, 4), falsePositiveRate: round(devFigures.falsePositiveRate, 4), messages: dev.length },
  holdout: { recall: round(holdoutFigures.recall, 4), falsePositiveRate: round(holdoutFigures.falsePositiveRate, 4), messages: holdout.length },
  bySource,
  messagesPerSecond: Math.round(messagesPerSecond),
  referenceMessagesPerSecond: Math.round(measured.reference),
  ratioToReference: round(measured.ratio, 4),
  messagesPerSecondAllNewWords: Math.round(novelPerSecond),
  hugeMessageMs: round(hugeMs, 1),
});
