// Groups commands into the sections of the help card, by the command's first word, in the order people need them.

const TOPICS: readonly { readonly title: string; readonly words: readonly string[] }[] = [
  { title: 'Getting started', words: ['help'] },
  { title: 'Referral contacts', words: ['contacts'] },
  { title: 'Peer support', words: ['share', 'ask', 'find', 'post'] },
  { title: 'Surveys', words: ['cascade', 'pulse', 'survey'] },
  { title: 'Wellbeing panel', words: ['panel'] },
  { title: 'Cohorts and workshops', words: ['cohort', 'workshop'] },
  { title: 'Schools and uptake', words: ['schools', 'area', 'uptake'] },
  { title: '5 Steps plans', words: ['plan'] },
  { title: 'Network groups', words: ['network', 'prompts', 'calendar'] },
  { title: 'Your data', words: ['privacy'] },
  { title: 'Administration', words: ['roles', 'audit', 'bankholidays'] },
];

export interface HelpEntry {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
}

export interface HelpSection {
  readonly title: string;
  readonly commands: readonly HelpEntry[];
}

export function helpSections(entries: readonly HelpEntry[]): HelpSection[] {
  const sections = new Map<string, HelpEntry[]>();
  const order = [...TOPICS.map((t) => t.title), 'Other'];
  for (const entry of entries) {
    const first = entry.name.split(' ')[0] ?? '';
    const title = TOPICS.find((topic) => topic.words.includes(first))?.title ?? 'Other';
    sections.set(title, [...(sections.get(title) ?? []), entry]);
  }
  return order.filter((title) => sections.has(title)).map((title) => ({ title, commands: sections.get(title) ?? [] }));
}
