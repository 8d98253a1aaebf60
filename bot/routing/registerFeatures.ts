// Folds the features' manifests into one route table: every command, card verb, message-extension command and job
// kind, each claimed once; a name two features claim fails at start-up, naming both.
import type { FeatureManifest } from './feature';
import { RouteTable } from './routeTable';

export function routeTableFor(features: readonly FeatureManifest[]): RouteTable {
  const table = new RouteTable();
  for (const feature of features) {
    const by = feature.name;
    for (const route of feature.commands ?? []) table.command(route, by);
    for (const { verb, handle } of feature.cardActions ?? []) table.cardAction(verb, handle, by);
    for (const { commandId, handle } of feature.queries ?? []) table.query(commandId, handle, by);
    for (const { dataset, handle } of feature.dataQueries ?? []) table.dataQuery(dataset, handle, by);
    for (const { kind, handle } of feature.jobs ?? []) table.job(kind, handle, by);
    for (const { kind, handle } of feature.fanoutJobs ?? []) table.fanoutJob(kind, handle, by);
    if (feature.unknownText) table.unknownText(feature.unknownText, by);
    if (feature.emptyText) table.emptyText(feature.emptyText, by);
    if (feature.tooLongText) table.tooLongText(feature.tooLongText, by);
    if (feature.installed) table.installed(feature.installed, by);
  }
  return table;
}
