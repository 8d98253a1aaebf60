// Safeguarding's public module: what the other features and the dispatcher use to put urgent help first.
export type { RiskAssessment } from './domain/risk';
export {
  assessTexts,
  leadWithUrgentHelp,
  recordUrgentHelpShown,
  rememberedArea,
  urgentHelpFirst,
  urgentHelpMessage,
  URGENT_HELP_ROUTES,
  type UrgentHelpContext,
  type UrgentHelpRoute,
} from './flows';
export { FRONT_DOOR_FORMAT, parseFrontDoor, parseUrgentHelpLines } from './domain/urgentHelp';
