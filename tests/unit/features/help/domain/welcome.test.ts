// What the welcome card says in each kind of conversation: a 1:1 chat gets commands to type as they are; a team or a
// group chat gets them with the @mention Teams needs there, and the coordinators' step for making a network.
import { URGENT_LINE, urgentLineView, welcomeText } from '../../../../../bot/features/help/domain/welcome';

describe('the welcome text', () => {
  it('tells a personal chat what to type, with no @mention', () => {
    const text = welcomeText('personal', 'Link Programme');
    expect(text.firstSteps.map((step) => step.usage)).toEqual(['help', 'contacts anxiety support for a year 8 pupil', 'panel submit']);
    expect(text.closing).toContain('nobody else sees it');
  });

  it('tells a team and a group chat to @mention the bot by its name, and what makes a network', () => {
    const team = welcomeText('channel', 'Link Bot');
    expect(team.intro).toContain('added to this team');
    expect(team.firstSteps.every((step) => step.usage.startsWith('@Link Bot '))).toBe(true);
    expect(team.firstSteps.map((step) => step.usage)).toContain('@Link Bot network create <area> <name>');
    const chat = welcomeText('groupChat', 'Link Bot');
    expect(chat.intro).toContain('added to this chat');
    expect(chat.firstSteps.find((step) => step.usage.includes('network create'))?.description).toContain('make this chat');
  });

  it('ends with 999 first and Childline, the buttons dialling the digits of the numbers they show', () => {
    expect(URGENT_LINE.text.indexOf('999')).toBeLessThan(URGENT_LINE.text.indexOf('0800 1111'));
    expect(urgentLineView().calls).toEqual([
      { title: 'Call 999', url: 'tel:999' },
      { title: 'Call 0800 1111', url: 'tel:08001111' },
    ]);
  });
});
