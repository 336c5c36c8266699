import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { DomainError, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { maskCitizenCode, maskPersonName } from '../../shared/masking.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { classifySubjectCode, codeRejectionMessages, type IdentityService } from '../identity/index.ts';
import * as repo from './repo.ts';
import type { AssociationMember, MemberInput } from './schema.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The member registers of industry associations (行业协会商会会员信用档案, 济政办〔2017〕55号 (二)3):
 * an association is a source department only for its own members, so ingestion asks here whether a
 * row's subject is a current member. Members are matched by citizen code (blind index) or org code.
 */
export class AssociationMembers {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly identity: IdentityService,
  ) {}

  private async departmentOf(ctx: RequestContext): Promise<repo.DepartmentRow | undefined> {
    const id = ctx.actor?.departmentId ?? null;
    return id === null ? undefined : repo.findDepartment(this.db, id);
  }

  /** The caller's association; a government department (or none) has no member register. */
  private async associationOf(ctx: RequestContext): Promise<repo.DepartmentRow> {
    const department = await this.departmentOf(ctx);
    if (department === undefined) throw new Forbidden('records.no_department');
    if (department.kind !== 'industry_association') throw new DomainError('associations.not_an_association', 403, { departmentName: department.name });
    return department;
  }

  /** Adds members or updates them (a member who had left and rejoins is current again); one transaction. */
  async register(ctx: RequestContext, members: readonly MemberInput[]): Promise<{ added: number; updated: number }> {
    const association = await this.associationOf(ctx);
    const today = shanghaiDate(this.clock.now());
    const checked = members.map((m, i) => {
      const check = classifySubjectCode(m.code, today);
      if (!check.ok) {
        const detail = codeRejectionMessages[check.reason];
        throw new InvalidInput('associations.invalid_code', `members/${i}/code`, check.reason, { row: i + 1, detailZh: detail.zh, detailEn: detail.en });
      }
      for (const field of ['joinedOn', 'leftOn'] as const) {
        const value = m[field];
        if (value !== undefined && value !== null && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
          throw new InvalidInput('associations.invalid_date', `members/${i}/${field}`, 'format', { row: i + 1, value });
        }
      }
      return { ...m, kind: check.facts.kind, code: check.facts.code };
    });
    return inTransaction(this.db, async (tx) => {
      const persons = await this.identity.ensurePersonsIn(tx, ctx, checked.filter((m) => m.kind === 'person').map((m) => ({ code: m.code, name: m.name })));
      const organizations = await this.identity.ensureOrganizationsIn(tx, ctx, checked.filter((m) => m.kind === 'organization').map((m) => ({ orgCode: m.code, name: m.name })));
      const personIds = [...persons.values()];
      const organizationIds = [...organizations.values()];
      const existing = new Map(
        [...(await repo.findMembers(tx, association.id, { personIds })), ...(await repo.findMembers(tx, association.id, { organizationIds }))].map((r) => [r.personId ?? r.organizationId!, r]),
      );
      const now = this.clock.now().toISOString();
      let added = 0;
      let updated = 0;
      for (const m of checked) {
        const subjectId = m.kind === 'person' ? persons.get(m.code)! : organizations.get(m.code)!;
        const change = { memberNumber: m.memberNumber ?? null, joinedOn: m.joinedOn ?? today, leftOn: m.leftOn ?? null, subjectName: m.name, updatedAt: now };
        const row = existing.get(subjectId);
        if (row) {
          await repo.updateMember(tx, row.id, change);
          updated += 1;
          continue;
        }
        const inserted: repo.AssociationMemberRow = {
          id: newId(),
          departmentId: association.id,
          subjectType: m.kind,
          personId: m.kind === 'person' ? subjectId : null,
          organizationId: m.kind === 'organization' ? subjectId : null,
          subjectCodeMasked: m.kind === 'person' ? maskCitizenCode(m.code) : m.code,
          recordedAt: now,
          recordedBy: ctx.actor?.userId ?? null,
          ...change,
        };
        await repo.insertMember(tx, inserted);
        existing.set(subjectId, inserted);
        added += 1;
      }
      await this.audit.recordIn(tx, ctx, { action: 'associations.members_register', data: { associationId: association.id, submitted: members.length, added, updated }, result: 'ok' });
      return { added, updated };
    });
  }

  /** The association's register (names masked); the read is logged. A government department has none: empty. */
  async list(ctx: RequestContext, limit = 50, offset = 0): Promise<{ items: AssociationMember[]; total: number }> {
    const association = await this.departmentOf(ctx);
    if (association?.kind !== 'industry_association') return { items: [], total: 0 };
    const { rows, total } = await repo.listMembers(this.db, association.id, limit, offset);
    await this.audit.record(ctx, { action: 'associations.members_list', data: { associationId: association.id, count: rows.length, total }, result: 'ok' });
    const today = shanghaiDate(this.clock.now());
    return {
      items: rows.map((r) => ({
        id: r.id,
        subjectType: r.subjectType as AssociationMember['subjectType'],
        subjectName: r.subjectType === 'person' ? maskPersonName(r.subjectName) : r.subjectName,
        subjectCodeMasked: r.subjectCodeMasked,
        memberNumber: r.memberNumber,
        joinedOn: r.joinedOn,
        leftOn: r.leftOn,
        isCurrent: isCurrentMember(r, today),
      })),
      total,
    };
  }

  /**
   * Which of these subjects (normalised codes) are current members of the department's association
   * today. Null when the department is no association (then every subject may be recorded).
   */
  async currentMembersAmong(departmentId: string, subjects: ReadonlyArray<{ kind: 'person' | 'organization'; code: string }>): Promise<Set<string> | null> {
    const department = await repo.findDepartment(this.db, departmentId);
    if (department === undefined) throw new NotFound('accounts.department_not_found');
    if (department.kind !== 'industry_association') return null;
    const today = shanghaiDate(this.clock.now());
    const idToCode = new Map<string, string>();
    for (const s of subjects) {
      const id = s.kind === 'person' ? await this.identity.resolvePersonId(s.code) : await this.identity.resolveOrganizationId(s.code);
      if (id !== null) idToCode.set(id, s.code);
    }
    const ids = [...idToCode.keys()];
    const rows = [...(await repo.findMembers(this.db, departmentId, { personIds: ids })), ...(await repo.findMembers(this.db, departmentId, { organizationIds: ids }))];
    return new Set(rows.filter((r) => isCurrentMember(r, today)).map((r) => idToCode.get(r.personId ?? r.organizationId!)!));
  }
}

function isCurrentMember(row: repo.AssociationMemberRow, today: string): boolean {
  return row.joinedOn <= today && (row.leftOn === null || row.leftOn > today);
}
