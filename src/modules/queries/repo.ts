import type { Kysely } from 'kysely';
import type { Executor } from '../../db/index.ts';

export interface CreditReportRow {
  id: string;
  number: string;
  verificationCode: string;
  type: string;
  professionCode: string | null;
  scope: string | null;
  subjectKind: string;
  subjectId: string;
  subjectNameMasked: string;
  subjectCodeMasked: string;
  contentHash: string;
  signature: string;
  keyId: string;
  channel: string;
  format: string;
  issuedAt: string;
  issuedOn: string;
  issuedBy: string | null;
  purpose: string;
}

interface ReportTables {
  creditReports: CreditReportRow;
}

const t = (db: Executor) => db as unknown as Kysely<ReportTables>;

export async function insertReport(db: Executor, row: CreditReportRow): Promise<void> {
  await t(db).insertInto('creditReports').values(row).execute();
}

export const findReportByNumber = (db: Executor, number: string) => t(db).selectFrom('creditReports').selectAll().where('number', '=', number).executeTakeFirst();
