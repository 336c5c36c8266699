export { AuditLog, type AuditEntry, type AuditEvent, type AuditResult } from './service.ts';
