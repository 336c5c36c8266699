export { ReportsService, type ReportDeps, type ReportRequest, type RenderedReport } from './service.ts';
export { reportRoutes, type ReportRouteOptions } from './routes.ts';
export { queriesMessages, reportsMessages } from './messages.ts';
export { queryRules, reportRules, type QueryRules, type ReportRules } from './rules.ts';
export { AuthorizationsService, type AuthorizationDeps } from './authorizations.ts';
export { CitizenLogin } from './citizen-login.ts';
export { citizenRoutes, CITIZEN_CENTRE_PATH, OIDC_COOKIE, type CitizenRouteOptions } from './citizen-routes.ts';
export * from './query-schema.ts';
export { canonicalJson, contentHashOf, serializeSignedReport } from './signing.ts';
export { verifyReportFile, type FileCheck } from './verify.ts';
export {
  REPORT_CHANNELS,
  REPORT_FORMATS,
  REPORT_TYPES,
  QUERY_REPORT_TYPES,
  ALL_REPORT_TYPES,
  ReportContentSchema,
  SignedReportSchema,
  VerifyReplySchema,
  type ReportChannel,
  type ReportContent,
  type ReportFormat,
  type ReportScope,
  type ReportType,
  type SignedReport,
  type VerifyReply,
} from './schema.ts';
