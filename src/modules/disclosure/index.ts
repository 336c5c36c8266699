export { DisclosureService, PUBLIC_SEARCH_PURPOSE, type WithdrawalReason } from './service.ts';
export { TypicalCases } from './cases.ts';
export { Tips } from './tips.ts';
export { disclosureRoutes, type DisclosureRouteOptions } from './routes.ts';
export { disclosureMessages } from './messages.ts';
export { disclosureRules, type DisclosureRules } from './rules.ts';
export { extendedWhileListed, isMinorAtAct, isOpenOn, recordWindow, type PublicationWindow } from './windows.ts';
export {
  SUSPENSION_REASONS,
  TARGET_KINDS,
  type DisclosureTarget,
  type PublicCase,
  type PublicResult,
  type SearchReply,
  type Suspension,
  type SuspensionReason,
  type Tip,
  type TipStatus,
  type TypicalCase,
} from './schema.ts';
