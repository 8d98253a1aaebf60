// Every card template is checked before anyone is sent a card (at start-up, and here): each binding names data its
// card's schema has, each literal verb has a handler, each template file has a card definition. A broken card names
// its file, the binding and the fix.
import { z } from 'zod';
import { checkCards } from '../../../../bot/app';
import { FEATURES } from '../../../../bot/features';
import { noticeCard } from '../../../../bot/platform/cards/notice';
import { defineCard } from '../../../../bot/platform/cards/render';
import { bindingsIn, CardTemplateError, cardTemplateProblems, templateFilesUnder, type TemplateFile } from '../../../../bot/platform/cards/templateCheck';
import { downloadCard } from '../../../../bot/platform/files/cards/download';
import { projectRoot } from '../../../../bot/projectRoot';
import { routeTableFor } from '../../../../bot/routing/registerFeatures';

const root = projectRoot();
const routes = routeTableFor(FEATURES);
const shippedCards = [noticeCard, downloadCard, ...FEATURES.flatMap((feature) => feature.cards ?? [])];
const shippedFiles = templateFilesUnder(root);
const verbs = new Set(routes.allCardVerbs());

const lineSchema = z.object({ name: z.string(), tel: z.string().optional() });
const schema = z.object({
  title: z.string(),
  urgent: z.boolean(),
  facts: z.array(z.object({ title: z.string(), value: z.string() })),
  details: z.array(z.string()).optional(),
  lines: z.array(lineSchema),
  verbs: z.object({ helpful: z.string(), remove: z.string() }),
  reference: z.string().optional(),
});

/** A card named `sample` with its template file, checked against the shipped verbs. */
function problemsOf(body: unknown[], actions: unknown[] = []): string[] {
  const template = { type: 'AdaptiveCard', version: '1.5', body, actions };
  const card = defineCard('sample', template, schema);
  return cardTemplateProblems([card], [{ path: 'bot/features/sample/cards/sample.json', template }], verbs);
}

describe('the card template check', () => {
  it('passes every shipped card: each binding in its schema, each verb registered, each template file defined', () => {
    expect(shippedFiles.length).toBe(new Set(shippedCards).size);
    expect(cardTemplateProblems(shippedCards, shippedFiles, verbs)).toEqual([]);
    expect(() => checkCards(FEATURES, routes, root)).not.toThrow();
  });

  it('checks every shipped card against its own schema: a name its schema lacks is caught in each one', () => {
    for (const card of shippedCards) {
      const template = card.template as { body: unknown[] };
      const broken = { ...template, body: [...template.body, { type: 'TextBlock', text: 'Hello ${notInTheSchema}' }] };
      const file = shippedFiles.find((f) => f.path.endsWith(`/${card.name}.json`));
      const problems = cardTemplateProblems([defineCard(card.name, broken, card.schema)], [{ path: file?.path ?? '?', template: broken }], verbs);
      expect([card.name, problems.length, problems[0]]).toEqual([card.name, 1, expect.stringContaining(`${file?.path}, body[${template.body.length}].text: "\${notInTheSchema}"`)]);
    }
  });

  it('names the file, the binding and the fix for a name the data does not have', () => {
    expect(problemsOf([{ type: 'TextBlock', text: 'Case ${titel}' }])).toEqual([
      'bot/features/sample/cards/sample.json, body[0].text: "${titel}" binds "titel", but the card\'s data has no "titel" (its fields are title, urgent, facts, details, lines, verbs, reference). Fix: add "titel" to the zod schema in defineCard("sample", …), or bind a name it has.',
    ]);
  });

  it('follows paths into the data: a field of an object, never a field of a string', () => {
    expect(problemsOf([], [{ type: 'Action.Execute', verb: '${verbs.helpful}' }])).toEqual([]);
    const [problem] = problemsOf([], [{ type: 'Action.Execute', verb: '${verbs.remov}' }, { type: 'Action.Execute', verb: '${title.text}' }]);
    expect(problem).toContain('actions[0].verb: "${verbs.remov}" binds "verbs.remov", but "verbs" has no "remov" (its fields are helpful, remove)');
    expect(problemsOf([], [{ type: 'Action.Execute', verb: '${title.text}' }])[0]).toContain('"title" has no "text" (it is a string, with no fields)');
  });

  it('reads names inside a "$data" container as the items\' fields; $root, $data and $index reach out', () => {
    const repeated = (items: unknown[]) => [{ type: 'Container', $data: '${lines}', $when: '${tel != null}', items }];
    expect(problemsOf(repeated([{ type: 'TextBlock', text: '${$index}: ${name} (${tel}) on ${$root.title}' }]))).toEqual([]);
    expect(problemsOf([{ type: 'TextBlock', $data: '${details}', text: '- ${$data}' }])).toEqual([]);
    expect(problemsOf([{ type: 'FactSet', facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }] }])).toEqual([]);
    const [problem] = problemsOf(repeated([{ type: 'TextBlock', text: '${title}' }]));
    expect(problem).toContain('body[0].items[0].text: "${title}" binds "title", but the items of the enclosing "$data" have no "title" (its fields are name, tel). Fix: use "$root.title"');
    expect(problemsOf([{ type: 'TextBlock', $data: '${details}', text: '${name}' }])[0]).toContain('have no "name" (it is a string, with no fields)');
    expect(problemsOf([{ type: 'TextBlock', $data: '${detail}', text: '${$data}' }])[0]).toContain('"${detail}" binds "detail"');
  });

  it('allows the templating language\'s functions and refuses what it cannot read', () => {
    expect(problemsOf([{ type: 'TextBlock', text: "${if(urgent, 'Attention', 'Default')}", $when: '${count(facts) > 0 && reference != null}', color: '${json(verbs)}' }])).toEqual([]);
    expect(problemsOf([{ type: 'TextBlock', text: '${count(facts}' }])[0]).toMatch(/body\[0\]\.text: "\$\{count\(facts\}" is not an expression the templating language can read .*Fix: correct it/);
    expect(problemsOf([{ type: 'TextBlock', text: '${$host.title}' }])[0]).toContain('uses "$host", which the templating language does not know. Fix: use $root');
  });

  it('refuses a literal verb no handler answers, and accepts a registered one', () => {
    expect(problemsOf([], [{ type: 'Action.Execute', verb: 'post.helpful', data: { verb: 'post.helpful' } }])).toEqual([]);
    expect(problemsOf([], [{ type: 'Action.Execute', verb: 'post.helpfull' }])).toEqual([
      'bot/features/sample/cards/sample.json, actions[0].verb: the verb "post.helpfull" has no handler. Fix: declare it with defineCardAction beside its handler and list it under cardActions in its feature\'s manifest, or bind the verb from the card\'s data ("${verb}") set from the handler\'s exported constant.',
    ]);
  });

  it('refuses a template file with no card definition, and a card whose template is not its file', () => {
    const orphan: TemplateFile = { path: 'bot/features/panel/cards/panelSummary.json', template: { type: 'AdaptiveCard', version: '1.5', body: [] } };
    expect(cardTemplateProblems(shippedCards, [...shippedFiles, orphan], verbs)).toEqual([
      'bot/features/panel/cards/panelSummary.json has no card definition. Fix: define it with defineCard("panelSummary", template, schema) in the cards module beside it and list the card under `cards` in its feature\'s manifest (feature.ts), or delete the file if no card uses it.',
    ]);
    const unlisted = shippedCards.filter((card) => card.name !== 'panelCase');
    expect(cardTemplateProblems(unlisted, shippedFiles, verbs)).toEqual([expect.stringMatching(/^bot\/features\/panel\/cards\/panelCase\.json has no card definition/)]);
    const wrongTemplate = [...unlisted, defineCard('panelCase', noticeCard.template, noticeCard.schema)];
    expect(cardTemplateProblems(wrongTemplate, shippedFiles, verbs)).toEqual([
      'bot/features/panel/cards/panelCase.json is not the template of the card "panelCase" defined with that name. Fix: import this file in its defineCard("panelCase", …), or rename one of them.',
      expect.stringContaining('The card "panelCase" has no template file panelCase.json'),
    ]);
    const misnamed = defineCard('panelCases', noticeCard.template, noticeCard.schema);
    expect(cardTemplateProblems([misnamed], [], verbs)).toEqual([expect.stringContaining('The card "panelCases" has no template file panelCases.json')]);
  });

  it('stops start-up with every problem listed, one a line', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${titel}' }], actions: [{ type: 'Action.Execute', verb: 'nobody.answers' }] };
    const broken = { name: 'sample', cards: [defineCard('sample', template, schema)] };
    let thrown: unknown;
    try {
      checkCards([...FEATURES, broken], routes, root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CardTemplateError);
    const message = (thrown as Error).message;
    expect(message.split('\n')[0]).toBe('3 card templates are broken; fix them before starting:');
    expect(message).toContain('- The card "sample" has no template file sample.json');
    expect(message).toContain('- the card "sample", body[0].text: "${titel}" binds "titel"');
    expect(message).toContain('- the card "sample", actions[0].verb: the verb "nobody.answers" has no handler');
  });

  it('follows the schema through optional, default, union and record, and does not guess past a transform', () => {
    const shapes = z.object({
      note: z.string().nullable().optional(),
      meeting: z.object({ when: z.string() }).default({ when: '' }),
      answer: z.discriminatedUnion('kind', [z.object({ kind: z.literal('rating'), scale: z.number() }), z.object({ kind: z.literal('text'), maxLength: z.number() })]),
      counts: z.record(z.string(), z.object({ value: z.number() })),
      derived: z.string().transform((text) => ({ words: text.split(' ') })),
      extra: z.object({ id: z.string() }).loose(),
    });
    const check = (text: string) => {
      const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] };
      return cardTemplateProblems([defineCard('shapes', template, shapes)], [{ path: 'bot/x/cards/shapes.json', template }], verbs);
    };
    for (const fine of ['${note}', '${meeting.when}', '${answer.scale} ${answer.maxLength} ${answer.kind}', '${counts.kent.value}', '${derived.words}', '${extra.anything}']) {
      expect([fine, check(fine)]).toEqual([fine, []]);
    }
    expect(check('${meeting.where}')[0]).toContain('"meeting" has no "where" (its fields are when)');
    expect(check('${answer.label}')[0]).toContain('"answer" has no "label" (its fields are kind, scale, maxLength)');
    expect(check('${counts.kent.total}')[0]).toContain('"counts.kent" has no "total" (its fields are value)');
  });

  it('finds each binding of a string to its closing brace, quotes and braces inside kept', () => {
    expect(bindingsIn("Call ${tel} or ${if(a, '}', b)} now")).toEqual([
      { text: '${tel}', expression: 'tel' },
      { text: "${if(a, '}', b)}", expression: "if(a, '}', b)" },
    ]);
  });
});
