// `prompts status [run]` (coordinators): how a scheduled run is going: sent, pending, failed, stale, and why.
import { noticeCard } from '../../../platform/cards/notice';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { notFound } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import type { SendRun } from '../../../platform/messaging/types';
import { networkHere } from '../networkHere';

export const statusRoute = {
  name: 'prompts status',
  usage: 'prompts status [run id]',
  description: 'Show how scheduled prompts went: sent, pending, failed and stale counts, with reasons.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const REASONS: Record<string, string> = {
  '403': 'the bot was blocked or removed there (403)',
  '404': 'the conversation no longer exists (404)',
  'gave-up': 'gave up after repeated failures',
};

async function summary(run: SendRun, services: Services): Promise<{ line: string; details: string[] }> {
  const counts = await services.sends.ledger.counts(run.runId, run.targetCount);
  const { sent, pending, sending, failed, stale } = counts.byStatus;
  const done = sent + failed + stale;
  const underWay = run.status === 'planned' || pending + sending > 0;
  const line =
    `${run.label} (due ${describeLondonDateTime(run.dueAt)}): ${sent} sent, ${pending + sending} pending, ${failed} failed, ${stale} stale` +
    (underWay ? ` (in progress: ${done} of ${run.targetCount} done)` : '');
  const details = Object.entries(counts.reasons).map(([code, count]) => `${count} × ${REASONS[code] ?? `error ${code}`}`);
  return { line, details };
}

export async function status(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'see prompt status');
  const { tenantId } = input.place;
  const wanted = input.args.trim();
  if (wanted) {
    const run = await services.sends.runs.get(tenantId, wanted);
    if (!run) throw notFound(`There is no run "${wanted}". Run "prompts status" without a run id to see recent runs.`);
    const { line, details } = await summary(run, services);
    return reply.card(services.cards.render(noticeCard, { title: 'Prompt run', message: line, details, reference: run.runId }));
  }
  const network = await networkHere(input.place, services);
  const runs = (await services.sends.runs.list(tenantId, network?.networkId)).slice(0, 10);
  const lines: string[] = [];
  for (const run of runs) {
    const { line, details } = await summary(run, services);
    lines.push(`${line} [${run.runId}]`, ...details.map((d) => `  ${d}`));
  }
  return reply.card(
    services.cards.render(noticeCard, {
      title: network ? `Prompts for ${network.name}` : 'Recent prompt runs',
      message: runs.length === 0 ? 'No prompts have been sent yet.' : `The ${runs.length} most recent run(s), newest first. Add a run id for one run.`,
      details: lines,
    }),
  );
}
