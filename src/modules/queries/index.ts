export { ReportsService, type ReportDeps, type ReportRequest, type RenderedReport } from './service.ts';
export { reportRoutes, type ReportRouteOptions } from './routes.ts';
export { reportsMessages } from './messages.ts';
export { reportRules, type ReportRules } from './rules.ts';
export { canonicalJson, contentHashOf, serializeSignedReport } from './signing.ts';
export { verifyReportFile, type FileCheck } from './verify.ts';
export {
  REPORT_CHANNELS,
  REPORT_FORMATS,
  REPORT_TYPES,
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
