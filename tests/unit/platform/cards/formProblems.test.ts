// A form shown again with its problems: inputs kept, each problem beside its input, a summary first, and a card that fits.
import { formWithProblems } from '../../../../bot/platform/cards/formProblems';
import { MAX_CARD_BYTES } from '../../../../bot/platform/cards/render';
import type { AdaptiveCard } from '../../../../bot/events';

type Element = Record<string, unknown>;

const form: AdaptiveCard = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Book something' },
    { type: 'Input.Text', id: 'title', label: 'Title', isRequired: true, maxLength: 10 },
    {
      type: 'Container',
      items: [
        { type: 'Input.ChoiceSet', id: 'tags', isMultiSelect: true, choices: [{ title: 'A', value: 'a' }, { title: 'B', value: 'b' }] },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Input.ChoiceSet', id: 'mode', value: 'online', choices: [{ title: 'Online', value: 'online' }, { title: 'In person', value: 'in-person' }] }] }] },
      ],
    },
    { type: 'Input.Text', id: 'notes', label: 'Notes' },
  ],
  actions: [{ type: 'Action.Execute', verb: 'thing.book', data: { verb: 'thing.book' } }],
};

/** Every input of a card, by id, wherever it is nested. */
function inputsOf(elements: unknown, found: Record<string, Element> = {}): Record<string, Element> {
  for (const element of (elements as Element[] | undefined) ?? []) {
    if (typeof element.id === 'string' && String(element.type).startsWith('Input.')) found[element.id] = element;
    inputsOf(element.items, found);
    inputsOf(element.columns, found);
  }
  return found;
}

describe('a form shown again with its problems', () => {
  it('keeps what was typed, puts each problem on its input and under it, and the summary first', () => {
    const card = formWithProblems(form, { verb: 'thing.book', title: '', tags: 'b,gossip', mode: 'in-person', notes: 'Bring ${lunch}' }, {
      summary: 'Nothing was booked yet: fix what is marked below.',
      fields: [{ field: 'title', message: 'Give it a title.', required: true }, { field: 'tags', message: 'Unknown tag: gossip.' }],
    });
    const body = card.body as Element[];
    expect(body[0]).toMatchObject({ type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: 'Nothing was booked yet: fix what is marked below.' }] });
    const inputs = inputsOf(body);
    expect(inputs.title).toMatchObject({ value: '', errorMessage: 'Give it a title.', isRequired: true });
    // Only choices the form offers come back; a typed template expression stays text.
    expect(inputs.tags).toMatchObject({ value: 'b', errorMessage: 'Unknown tag: gossip.' });
    expect(inputs.mode).toMatchObject({ value: 'in-person' });
    expect(inputs.mode?.errorMessage).toBeUndefined();
    expect(inputs.notes).toMatchObject({ value: 'Bring ${lunch}' });
    // The problem is visible now, right under its input (errorMessage alone shows only when the client's own check fails).
    const titleAt = body.findIndex((e) => e.id === 'title');
    expect(body[titleAt + 1]).toMatchObject({ type: 'TextBlock', text: 'Give it a title.', color: 'Attention' });
    expect(card.actions).toEqual(form.actions);
  });

  it('keeps angle brackets in problems visible, as every card does, and typed values exactly as typed', () => {
    const card = formWithProblems(form, { notes: 'ages <11' }, { summary: 'Not saved.', fields: [{ field: 'notes', message: 'Not an address: <x@y>' }] });
    expect(inputsOf(card.body).notes).toMatchObject({ value: 'ages <11', errorMessage: 'Not an address: ‹x@y›' });
  });

  it('lists a problem the form has no input for under the summary, and never loses it', () => {
    const card = formWithProblems(form, {}, { summary: 'Not saved.', fields: [{ field: 'nowhere', message: 'The dates clash.' }], general: ['The card is old.'] });
    expect(JSON.stringify((card.body as Element[])[0])).toContain('- The card is old.');
    expect(JSON.stringify((card.body as Element[])[0])).toContain('- The dates clash.');
  });

  it('ignores sent values that are not input values, and inputs that were not sent', () => {
    const card = formWithProblems(form, { title: { nested: true }, notes: ['a', 1], verb: 'x' }, { summary: 'Not saved.', fields: [] });
    const inputs = inputsOf(card.body);
    expect(inputs.title?.value).toBeUndefined();
    expect(inputs.notes?.value).toBeUndefined();
    expect(inputsOf(formWithProblems(form, 'not an object', { summary: 'Not saved.', fields: [] }).body).mode?.value).toBe('online');
  });

  it('keeps long text to twice its limit, and shortens values until the card fits in a Teams message', () => {
    const long = formWithProblems(form, { title: 'x'.repeat(500) }, { summary: 'Not saved.', fields: [] });
    expect(inputsOf(long.body).title?.value).toBe('x'.repeat(20));
    expect(inputsOf(formWithProblems(form, { notes: 'y'.repeat(5000) }, { summary: 'Not saved.', fields: [] }).body).notes?.value).toBe('y'.repeat(2000));
    // Control characters take six bytes each once escaped in JSON: three such inputs would not fit at 2,000 each.
    const wide: AdaptiveCard = { ...form, body: ['a', 'b', 'c'].map((id) => ({ type: 'Input.Text', id, maxLength: 3000 })) };
    const huge = formWithProblems(wide, { a: '\u0001'.repeat(6000), b: '\u0001'.repeat(6000), c: '\u0001'.repeat(6000) }, { summary: 'Not saved.', fields: [] });
    expect(Buffer.byteLength(JSON.stringify(huge), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(String(inputsOf(huge.body).a?.value).length).toBeGreaterThan(500);
  });
});
