import { reply } from '../../../bot/events';
import { RouteTable } from '../../../bot/routing/routeTable';
import { FEATURES } from '../../../bot/features';
import { routeTableFor } from '../../../bot/routing/registerFeatures';

const handle = async () => reply.text('ok');
const route = (name: string) => ({ name, usage: name, description: name, audience: 'everyone' as const, handle });

describe('the route table', () => {
  it('refuses a command registered twice, at start-up', () => {
    const table = new RouteTable().command(route('cohort list'));
    expect(() => table.command(route('Cohort  List'))).toThrow('The command "cohort list" is registered twice');
  });

  it('refuses a card verb, query or job registered twice', () => {
    const table = new RouteTable().cardAction('survey.answer', async () => ({ card: {} })).job('prompt', async () => undefined);
    expect(() => table.cardAction('survey.answer', async () => ({ card: {} }))).toThrow('card verb "survey.answer"');
    expect(() => table.job('prompt', async () => undefined)).toThrow('job kind "prompt"');
    table.query('searchContacts', async () => ({ items: [] }));
    expect(() => table.query('searchContacts', async () => ({ items: [] }))).toThrow('message-extension command');
  });

  it('refuses a job kind registered both as a fan-out job and as a plain job', () => {
    const table = new RouteTable().fanoutJob('networkPrompt', async () => undefined);
    expect(() => table.job('networkPrompt', async () => undefined)).toThrow('job kind "networkPrompt" is registered twice');
  });

  it('matches the longest command at a word boundary and keeps the rest as arguments', () => {
    const table = new RouteTable().command(route('cohort')).command(route('cohort add'));
    expect(table.matchCommand('Cohort add  Salford 1\na@b.org\nc@d.org')).toMatchObject({ route: { name: 'cohort add' }, args: 'Salford 1\na@b.org\nc@d.org' });
    expect(table.matchCommand('cohort show Salford')?.route.name).toBe('cohort');
    expect(table.matchCommand('cohortadd')).toBeUndefined();
  });

  it('builds the real route table without clashes', () => {
    const names = routeTableFor(FEATURES).allCommands().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['help', 'roles grant', 'roles revoke', 'roles list']));
  });
});
