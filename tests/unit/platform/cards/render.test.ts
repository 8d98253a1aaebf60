import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { helpCard } from '../../../../bot/features/help/cards/help';
import { urgentLineView } from '../../../../bot/features/help/domain/welcome';
import { noticeCard } from '../../../../bot/platform/cards/notice';
import noticeTemplate from '../../../../bot/platform/cards/notice.json';
import { CardRenderer, defineCard, displaySafe } from '../../../../bot/platform/cards/render';
import { cardTemplateFiles, cardTemplatePath } from '../../../support/cardTemplates';

const renderer = new CardRenderer();

describe('card rendering', () => {
  it('expands the help card with one row per command', () => {
    const card = renderer.render(helpCard, {
      intro: 'Hello',
      sections: [
        { title: 'Getting started', commands: [{ usage: 'help', description: 'Show help' }] },
        { title: 'Administration', commands: [{ usage: 'roles list', description: 'Who has roles' }] },
      ],
      roleNote: '',
      urgent: urgentLineView(),
    });
    const text = JSON.stringify(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain('roles list');
    expect(text).toContain('Administration');
    expect(text).not.toContain('${');
  });

  it('replaces angle brackets deep inside card data without changing the data it was given', () => {
    const data = { title: 'Plain', facts: [{ title: 'Needs', value: 'ages <11' }, { title: 'Kept', value: 'as is' }], nested: { list: ['a > b'] }, count: 3 };
    const before = JSON.stringify(data);
    const safe = displaySafe(data);
    expect(safe).toEqual({ title: 'Plain', facts: [{ title: 'Needs', value: 'ages ‹11' }, { title: 'Kept', value: 'as is' }], nested: { list: ['a › b'] }, count: 3 });
    expect(JSON.stringify(data)).toBe(before);
    expect(displaySafe({ untouched: ['x'] })).toEqual({ untouched: ['x'] });
  });

  it('keeps <placeholders> visible: Teams drops text that looks like an HTML tag', () => {
    const card = renderer.render(noticeCard, { title: 'That did not work', message: 'Usage: cohort add <cohort name> <emails>' });
    const text = JSON.stringify(card);
    expect(text).toContain('Usage: cohort add ‹cohort name› ‹emails›');
    expect(text).not.toContain('<cohort name>');
  });

  it('rejects data that does not fit the card schema', () => {
    expect(() => renderer.render(helpCard, { intro: 'Hello', sections: [{ title: 'Empty', commands: [] }], roleNote: '', urgent: urgentLineView() })).toThrow(/help.*commands/);
    expect(() => renderer.render(noticeCard, { title: '', message: 'x' })).toThrow(/notice.*title/);
  });

  it('refuses a card too big for a Teams message', () => {
    const big = defineCard('notice', noticeTemplate, z.object({ title: z.string(), message: z.string(), details: z.array(z.string()), style: z.string() }));
    expect(() => renderer.render(big, { title: 't', message: 'x'.repeat(30_000), details: [], style: 'default' })).toThrow(/over the/);
  });

  it('keeps every template on Adaptive Card schema 1.5', () => {
    for (const file of cardTemplateFiles()) {
      const template = JSON.parse(readFileSync(cardTemplatePath(file), 'utf8')) as { type: string; version: string };
      expect({ file, type: template.type, version: template.version }).toEqual({ file, type: 'AdaptiveCard', version: '1.5' });
    }
  });
});
