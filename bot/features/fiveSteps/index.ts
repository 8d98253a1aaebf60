// 5 Steps' public module: the area's view of its schools' plans, for the programme dashboard.
export type { PlansOverview, StepShare, WeakAction } from './domain/overview';
export { readPlansOverview, type PlansOverviewRead } from './areaOverview';
