import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Actor, RequestContext } from '../src/shared/context.ts';
import { buildAccessLogDownload, checkAccessLogDownload } from '../src/modules/audit/download.ts';
import type { AuditEntryRow } from '../src/modules/audit/index.ts';
import { makeCitizenCode } from '../src/modules/identity/codes/index.ts';
import { describeEachDatabase, type TestDb } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';

const reader: Actor = { userId: 'u-reader', username: 'op-9', role: 'dept_operator', departmentId: 'd-1', personId: null, permissions: new Set(['persons:read']) };
const ctx = (purpose: string): RequestContext => ({ actor: reader, purpose, requestId: `r-${purpose}` });

async function entry(db: TestDb, seq: number): Promise<AuditEntryRow> {
  return (await db.database.db.selectFrom('auditEntries').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow()) as AuditEntryRow;
}

describeEachDatabase('tamper-evident access log', (get) => {
  let personId: string;
  let code: string;

  beforeAll(async () => {
    const { services, clock } = get();
    code = makeCitizenCode('419001', '1980-03-03', 301);
    personId = (await services.identity.registerPerson({ actor: null }, { code, name: '郑**' })).id;
    // Three signing intervals, so heads at several sizes exist.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 7; i++) await services.identity.findPersonByCode(ctx(`核查 round ${round} #${i}`), code);
      clock.advanceMinutes(1);
      expect(await services.ledger.signTreeHead()).not.toBeNull();
    }
  });

  it('an untouched log verifies, and nothing new means no new head', async () => {
    const { services } = get();
    const report = await services.ledger.verify();
    expect(report).toMatchObject({ ok: true, pending: 0, headsChecked: 3, problems: [] });
    expect(report.entries).toBeGreaterThanOrEqual(22);
    expect(await services.ledger.signTreeHead()).toBeNull();
  });

  it('names an entry whose field was edited in the database', async () => {
    const { services, database } = get();
    const target = await entry(get(), 9);
    await database.db.updateTable('auditEntries').set({ purpose: '无' }).where('id', '=', target.id).execute();
    const report = await services.ledger.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'altered', seq: 9, id: target.id })]);
    await database.db.updateTable('auditEntries').set({ purpose: target.purpose }).where('id', '=', target.id).execute();
    expect((await services.ledger.verify()).ok).toBe(true);
  });

  it('names an entry that was deleted', async () => {
    const { services, database } = get();
    const target = await entry(get(), 4);
    await database.db.deleteFrom('auditEntries').where('id', '=', target.id).execute();
    const report = await services.ledger.verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'removed', seq: 4 })]);
    await database.db.insertInto('auditEntries').values(target).execute();
    expect((await services.ledger.verify()).ok).toBe(true);
  });

  it('names two entries whose order was swapped', async () => {
    const { services, database } = get();
    const a = await entry(get(), 12);
    const b = await entry(get(), 13);
    await database.db.updateTable('auditEntries').set({ seq: -1 }).where('id', '=', a.id).execute();
    await database.db.updateTable('auditEntries').set({ seq: 12 }).where('id', '=', b.id).execute();
    await database.db.updateTable('auditEntries').set({ seq: 13 }).where('id', '=', a.id).execute();
    const report = await services.ledger.verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'reordered', seq: 12, id: b.id, detail: expect.stringContaining('from position 13 to 12') }),
      expect.objectContaining({ kind: 'reordered', seq: 13, id: a.id, detail: expect.stringContaining('from position 12 to 13') }),
    ]);
    await database.db.updateTable('auditEntries').set({ seq: -1 }).where('id', '=', a.id).execute();
    await database.db.updateTable('auditEntries').set({ seq: 13 }).where('id', '=', b.id).execute();
    await database.db.updateTable('auditEntries').set({ seq: 12 }).where('id', '=', a.id).execute();
    expect((await services.ledger.verify()).ok).toBe(true);
  });

  it('catches a rewrite that also fixed the stored leaf hash, by the signed head covering it', async () => {
    const { services, database } = get();
    const heads = await services.ledger.heads();
    const target = await entry(get(), heads[0]!.treeSize + 2);
    const { entryLeafHash } = await import('../src/modules/audit/index.ts');
    const forged = { ...target, purpose: '伪造 forged' };
    await database.db
      .updateTable('auditEntries')
      .set({ purpose: forged.purpose, leafHash: entryLeafHash(forged, Number(target.seq)).toString('hex') })
      .where('id', '=', target.id)
      .execute();
    const report = await services.ledger.verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'rewritten', range: [heads[0]!.treeSize, heads[1]!.treeSize - 1], treeSize: heads[1]!.treeSize })]);
    await database.db.updateTable('auditEntries').set({ purpose: target.purpose, leafHash: target.leafHash }).where('id', '=', target.id).execute();
    expect((await services.ledger.verify()).ok).toBe(true);
  });

  it('detects forged and deleted tree heads (the latter against a witness file)', async () => {
    const { services, database } = get();
    const heads = await services.ledger.heads();
    await database.db.updateTable('auditTreeHeads').set({ rootHash: '00'.repeat(32) }).where('treeSize', '=', heads[1]!.treeSize).execute();
    expect((await services.ledger.verify()).problems.map((p) => p.kind)).toContain('head_signature');
    await database.db.updateTable('auditTreeHeads').set({ rootHash: heads[1]!.rootHash }).where('treeSize', '=', heads[1]!.treeSize).execute();

    await database.db.deleteFrom('auditTreeHeads').where('treeSize', '=', heads[2]!.treeSize).execute();
    // Without a witness the shorter chain of heads still verifies; with it, the deletion shows.
    expect((await services.ledger.verify()).ok).toBe(true);
    const report = await services.ledger.verify({ trustedHeads: heads });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'head_missing', treeSize: heads[2]!.treeSize })]);
    await database.db.insertInto('auditTreeHeads').values(heads[2]!).execute();
  });

  it('a person downloads their access log with proofs and checks it offline; an edited copy fails', async () => {
    const { services, clock } = get();
    const doc = await buildAccessLogDownload({ audit: services.audit, ledger: services.ledger, clock }, { kind: 'person', id: personId });
    expect(doc.entries.length).toBeGreaterThanOrEqual(21);
    expect(doc.entries.every((e) => e.proof !== null)).toBe(true);
    expect(JSON.stringify(doc)).not.toContain(code);
    const check = checkAccessLogDownload(JSON.parse(JSON.stringify(doc)));
    expect(check).toEqual({ ok: true, checked: doc.entries.length, pending: 0, failures: [] });

    const edited = JSON.parse(JSON.stringify(doc));
    edited.entries[3].entry.purpose = '看看而已';
    expect(checkAccessLogDownload(edited).failures).toEqual([expect.objectContaining({ id: doc.entries[3]!.entry.id, reason: expect.stringContaining('does not match') })]);
    const otherKey = checkAccessLogDownload(doc, `04${'11'.repeat(64)}`);
    expect(otherKey.ok).toBe(false);
  });

  it('`chengxin audit verify` names the altered entry and exits 2; check-download works without a database', async () => {
    const db = get();
    const target = await entry(db, 17);
    await db.database.db.updateTable('auditEntries').set({ result: 'denied' }).where('id', '=', target.id).execute();
    const result = await runCli(['audit', 'verify', '--json'], db.env);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout).problems).toEqual([expect.objectContaining({ kind: 'altered', seq: 17, id: target.id })]);
    await db.database.db.updateTable('auditEntries').set({ result: target.result }).where('id', '=', target.id).execute();
    expect((await runCli(['audit', 'verify'], db.env)).code).toBe(0);

    const doc = await buildAccessLogDownload({ audit: db.services.audit, ledger: db.services.ledger, clock: db.clock }, { kind: 'person', id: personId });
    const file = path.join(db.dataDir, 'my-access-log.json');
    writeFileSync(file, JSON.stringify(doc));
    const offline = await runCli(['audit', 'check-download', file, '--json', '--public-key', db.keys.signing.publicKey], { DATA_DIR: '/nonexistent' });
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ ok: true, pending: 0 });
  });
});
