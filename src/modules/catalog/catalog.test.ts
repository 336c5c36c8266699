import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors.ts';
import catalogSeed from './seed/catalog.json' with { type: 'json' };
import professionSeed from './seed/key-professions.json' with { type: 'json' };
import type { CatalogItemChanges } from './schema.ts';
import { CatalogItemInvalid, CatalogService, ItemNotAcceptingRecords } from './service.ts';
import { adminContext, makeItem } from './test-factories.ts';

const DEPT = '114190011000000004'; // 市发展和改革委员会 (accounts seed)
const OTHER_DEPT = '11419001100079190A'; // 市公安局

describeEachDatabase('catalog service', (get) => {
  let catalog: CatalogService;

  beforeAll(async () => {
    const { database, clock, services } = get();
    catalog = new CatalogService(database.db, clock, services.audit);
    await catalog.seed();
  });

  const countRows = async (table: 'catalogItems' | 'catalogItemVersions' | 'catalogItemSources') =>
    Number((await get().database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('seeds every item of the seed file, each valid and citing a legal basis and its source', async () => {
    const items = await catalog.list();
    expect(items.map((i) => i.code).sort()).toEqual(catalogSeed.items.map((i) => i.code).sort());
    for (const item of items) {
      const { id: _id, version, acceptsRecords: _a, notAcceptingBecause: _n, seedVersion, createdAt: _c, updatedAt: _u, updatedBy, ...definition } = item;
      expect(catalog.check(definition), item.code).toEqual([]);
      expect(item.legalBasis, item.code).toBeTruthy();
      expect(item.sourceDocument, item.code).toBeTruthy();
      expect({ version, seedVersion, updatedBy }).toEqual({ version: 1, seedVersion: catalogSeed.version, updatedBy: null });
      const [first] = await catalog.history(item.code);
      expect(first).toMatchObject({ version: 1, changeKind: 'seed', changedBy: null, item: definition });
      expect(first!.reason).toContain(catalogSeed.version);
    }
    expect((await catalog.get('XZCF')).acceptsRecords).toBe(true);
    expect(await catalog.get('GGSYQF')).toMatchObject({ acceptsRecords: false, jointPunishmentBasis: false, unconfirmedUtilityArrears: true });
  });

  it('seeding again adds nothing and never overwrites an admin’s edit', async () => {
    const before = await catalog.get('DDMF');
    const edited = await catalog.update(adminContext(), 'DDMF', { coverage: '济源市及所辖各镇、街道' }, '扩大覆盖范围说明', before.version);
    const counts = [await countRows('catalogItems'), await countRows('catalogItemVersions'), await countRows('catalogItemSources')];
    const auditBefore = await get().services.audit.count('catalog.seed');
    expect(await catalog.seed()).toEqual({ seedVersion: catalogSeed.version, itemsAdded: [], professionsAdded: 0 });
    expect([await countRows('catalogItems'), await countRows('catalogItemVersions'), await countRows('catalogItemSources')]).toEqual(counts);
    expect(await get().services.audit.count('catalog.seed')).toBe(auditBefore);
    expect(await catalog.get('DDMF')).toMatchObject({ version: edited.version, coverage: '济源市及所辖各镇、街道' });
  });

  it('two processes seeding at once write each item once', async () => {
    const { database, clock, services } = get();
    const other = new CatalogService(database.db, clock, services.audit);
    const results = await Promise.all([catalog.seed(), other.seed()]);
    expect(results.flatMap((r) => r.itemsAdded)).toEqual([]);
    expect(await countRows('catalogItems')).toBe(catalogSeed.items.length);
  });

  it('lists the key professions of the policy, in its order', async () => {
    const professions = await catalog.listKeyProfessions();
    expect(professions.map((p) => p.name)).toEqual(professionSeed.professions.map((p) => p.name));
    expect(professions).toHaveLength(14);
    expect(professions.at(-1)).toMatchObject({ code: 'FDDBR', name: '企事业单位法定代表人及相关责任人', seedVersion: professionSeed.version });
    for (const p of professions) expect(p.legalBasis.length).toBeGreaterThan(5);
  });

  it.each([
    [{ subjectType: 'organization' as const }, ['SBFQJ', 'XZCF_FR', 'XZXK_FR']],
    [{ category: 'good' as const, keyDomain: '志愿服务' }, ['ZYFW']],
    [{ category: 'bad' as const, subjectType: 'person' as const, active: true }, ['SXBZXR', 'XSFZ', 'XZCF', 'ZDSSWF']],
    [{ keyDomain: '司法诉讼' }, ['SXBZXR', 'XSFZ']],
  ])('filters the list: %j', async (filter, codes) => {
    expect((await catalog.list(filter)).map((i) => i.code)).toEqual(codes);
  });

  it('an item without a legal basis accepts no records', async () => {
    const created = await catalog.create(adminContext(), makeItem({ code: 'NO_BASIS', legalBasis: null }), '草拟，依据待定');
    expect(created).toMatchObject({ active: true, legalBasis: null, acceptsRecords: false, notAcceptingBecause: ['no_legal_basis'] });
    await expect(catalog.requireAcceptingItem('NO_BASIS')).rejects.toBeInstanceOf(ItemNotAcceptingRecords);
    const withBasis = await catalog.update(adminContext(), 'NO_BASIS', { legalBasis: '《河南省社会信用条例》第十二条第（二）项' }, '补充归集依据', created.version);
    expect(withBasis).toMatchObject({ version: 2, acceptsRecords: true, notAcceptingBecause: [] });
    await expect(catalog.requireAcceptingItem('no_basis')).resolves.toMatchObject({ code: 'NO_BASIS' });
  });

  it('each update is a new version with who and why, and history reconstructs every one', async () => {
    const { services } = get();
    const auditBefore = await services.audit.count('catalog.item_update');
    const v1 = await catalog.create(adminContext('user-a'), makeItem({ code: 'VERSIONED' }), '新增测试信息项');
    const steps: [CatalogItemChanges, string, string][] = [
      [{ name: '测试失信信息（改名）' }, 'user-b', '名称与文件一致'],
      [{ severity: 'serious', publication: { kind: 'by_severity', periods: { serious: { minMonths: 12, maxMonths: 36, publishedByDefault: true } }, extendsWhileListed: true, basis: '《信用修复管理办法》' } }, 'user-a', '认定为严重失信'],
      [{ sourceDepartments: [OTHER_DEPT, DEPT] }, 'user-c', '增加公安局为来源单位'],
      [{ active: false }, 'user-b', '暂停使用'],
    ];
    const expected = [makeItem({ code: 'VERSIONED' })];
    let version = v1.version;
    for (const [changes, user, reason] of steps) {
      const after = await catalog.update(adminContext(user), 'VERSIONED', changes, reason, version);
      expect(after.version).toBe(version + 1);
      expect(after.updatedBy).toBe(user);
      version = after.version;
      expected.push({ ...expected.at(-1)!, ...changes });
    }
    const history = await catalog.history('VERSIONED');
    expect(history.map((h) => [h.version, h.changeKind, h.changedBy, h.reason])).toEqual([
      [1, 'create', 'user-a', '新增测试信息项'],
      ...steps.map(([, user, reason], i) => [i + 2, 'update', user, reason]),
    ]);
    history.forEach((h, i) => expect(h.item).toEqual({ ...expected[i], sourceDepartments: [...expected[i]!.sourceDepartments].sort() }));
    const { id: _i, version: _v, acceptsRecords: _a, notAcceptingBecause: _n, seedVersion: _s, createdAt: _c, updatedAt: _u, updatedBy: _b, ...current } = await catalog.get('VERSIONED');
    expect(history.at(-1)!.item).toEqual(current);
    expect(await services.audit.count('catalog.item_update')).toBe(auditBefore + steps.length);
  });

  it('a change that changes nothing writes nothing', async () => {
    const item = await catalog.create(adminContext(), makeItem({ code: 'SAME' }), '新增');
    const versions = await countRows('catalogItemVersions');
    const again = await catalog.update(adminContext(), 'SAME', { name: ` ${item.name} ` }, '无实际修改', item.version);
    expect(again.version).toBe(item.version);
    expect(await countRows('catalogItemVersions')).toBe(versions);
  });

  it('a stale expected version is a conflict, and nothing is written', async () => {
    const item = await catalog.create(adminContext(), makeItem({ code: 'STALE' }), '新增');
    await catalog.update(adminContext('user-a'), 'STALE', { coverage: '甲' }, '第一次修改', item.version);
    const versions = await countRows('catalogItemVersions');
    const err = await catalog.update(adminContext('user-b'), 'STALE', { coverage: '乙' }, '基于旧版本的修改', item.version).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect(err).toMatchObject({ code: 'catalog.version_conflict', status: 409, facts: { expectedVersion: 1, currentVersion: 2 } });
    expect(await countRows('catalogItemVersions')).toBe(versions);
    expect((await catalog.get('STALE')).coverage).toBe('甲');
  });

  it('of two concurrent edits of one version, exactly one lands', async () => {
    const item = await catalog.create(adminContext(), makeItem({ code: 'RACE' }), '新增');
    const results = await Promise.allSettled(
      ['一', '二', '三', '四'].map((c, i) => catalog.update(adminContext(`user-${i}`), 'RACE', { coverage: c }, '并发修改', item.version)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'catalog.version_conflict' });
    expect((await catalog.history('RACE')).map((h) => h.version)).toEqual([1, 2]);
  });

  it.each<[string, CatalogItemChanges, string, string]>([
    ['bad without severity', { severity: null }, 'catalog.severity_required', 'severity'],
    ['unknown key domain', { keyDomain: '养老服务' }, 'catalog.unknown_key_domain', 'keyDomain'],
    ['enum field without values', { fields: [...makeItem().fields.slice(0, 4), { name: 'lb', label: '类别', type: 'enum', required: false }] }, 'catalog.field_enum_values_required', 'fields[4].enumValues'],
    ['reduces rights, active, without review dates', { reducesRights: true }, 'catalog.rights_review_required', 'expertReviewedAt'],
    ['unconfirmed utility arrears as a punishment basis', { unconfirmedUtilityArrears: true, jointPunishmentBasis: true, severity: 'serious', publication: { kind: 'by_severity', periods: { serious: { minMonths: 12, maxMonths: 36, publishedByDefault: true } }, extendsWhileListed: true, basis: '依据' } }, 'catalog.utility_arrears_not_punishable', 'jointPunishmentBasis'],
    ['an invalid source department', { sourceDepartments: ['not-a-code'] }, 'catalog.source_department_invalid', 'sourceDepartments[0]'],
  ])('refuses an update making it %s, located, and writes nothing', async (_name, changes, code, field) => {
    const itemCode = `BAD_${code.split('.')[1]!.toUpperCase()}`.slice(0, 32);
    const item = await catalog.create(adminContext(), makeItem({ code: itemCode }), '新增');
    const [versions, audit] = [await countRows('catalogItemVersions'), await get().services.audit.count('catalog.item_update')];
    const err = await catalog.update(adminContext(), itemCode, changes, '错误的修改', item.version).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogItemInvalid);
    expect(err).toMatchObject({ code, field, status: 400 });
    expect((err as CatalogItemInvalid).problems[0]).toMatchObject({ code, field });
    expect(await countRows('catalogItemVersions')).toBe(versions);
    expect(await get().services.audit.count('catalog.item_update')).toBe(audit);
    const { updatedAt: _u, ...unchanged } = await catalog.get(itemCode);
    const { updatedAt: _u2, ...original } = item;
    expect(unchanged).toEqual(original);
  });

  it('refuses a create with every problem listed, and writes nothing', async () => {
    const items = await countRows('catalogItems');
    const err = await catalog
      .create(adminContext(), makeItem({ code: 'MANY_PROBLEMS', severity: null, keyDomain: '教育', fields: [] }), '新增')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogItemInvalid);
    expect((err as CatalogItemInvalid).problems.map((p) => `${p.code}@${p.field}`)).toEqual([
      'catalog.severity_required@severity',
      'catalog.unknown_key_domain@keyDomain',
      'catalog.fields_required@fields',
    ]);
    expect(await countRows('catalogItems')).toBe(items);
    await expect(catalog.get('MANY_PROBLEMS')).rejects.toBeInstanceOf(NotFound);
  });

  it('activating a rights-reducing item needs the expert review and the public comment', async () => {
    const item = await catalog.get('XS_KSWB');
    expect(item).toMatchObject({ active: false, reducesRights: true, acceptsRecords: false });
    await expect(catalog.update(adminContext(), 'XS_KSWB', { active: true }, '启用', item.version)).rejects.toMatchObject({ code: 'catalog.rights_review_required' });
    await expect(
      catalog.update(adminContext(), 'XS_KSWB', { active: true, expertReviewedAt: '2026-10-20' }, '启用', item.version),
    ).rejects.toMatchObject({ code: 'catalog.rights_review_required', field: 'publicCommentAt' });
    const active = await catalog.update(adminContext(), 'XS_KSWB', { active: true, expertReviewedAt: '2026-10-20', publicCommentAt: '2026-11-20' }, '已经专家评估并公开征求意见', item.version);
    expect(active).toMatchObject({ active: true, acceptsRecords: true, version: item.version + 1 });
  });

  it.each([
    ['a duplicate code', async (c: CatalogService) => c.create(adminContext(), makeItem({ code: 'XZCF' }), '重复'), 'catalog.code_taken'],
    ['a reason of one character', async (c: CatalogService) => c.create(adminContext(), makeItem({ code: 'SHORT_REASON' }), ' 改 '), 'catalog.reason_required'],
    ['renaming the code', async (c: CatalogService) => c.update(adminContext(), 'XZXK', { code: 'XZXK2' } as CatalogItemChanges, '改代码', 1), 'catalog.code_immutable'],
    ['an unknown item', async (c: CatalogService) => c.update(adminContext(), 'NOPE', { name: 'x' }, '修改', 1), 'catalog.item_not_found'],
  ])('refuses %s', async (_name, act, code) => {
    const err = await act(catalog).catch((e: unknown) => e);
    expect(err).toMatchObject({ code });
    expect(err instanceof Conflict || err instanceof InvalidInput || err instanceof NotFound).toBe(true);
  });

  it.each([
    ['XZCF', DEPT, true],
    ['XZCF', OTHER_DEPT, true],
    ['xzcf', ' 11419001100079190a ', true],
    ['SXBZXR', '11419001101029470Q', true],
    ['SXBZXR', DEPT, false],
    ['DDMF', '11419001100475140J', true],
    ['DDMF', OTHER_DEPT, false],
    ['NO_SUCH_ITEM', DEPT, false],
  ])('isSource(%s, %s) = %s (`*` is any administrative organ)', async (item, dept, expected) => {
    expect(await catalog.isSource(item, dept)).toBe(expected);
  });

  it('isSource follows a change of source departments', async () => {
    const item = await catalog.create(adminContext(), makeItem({ code: 'SOURCES', sourceDepartments: [DEPT] }), '新增');
    expect(await catalog.isSource('SOURCES', OTHER_DEPT)).toBe(false);
    await catalog.update(adminContext(), 'SOURCES', { sourceDepartments: ['*'] }, '任何行政机关均可报送', item.version);
    expect(await catalog.isSource('SOURCES', OTHER_DEPT)).toBe(true);
    await catalog.update(adminContext(), 'SOURCES', { sourceDepartments: [OTHER_DEPT] }, '仅公安局报送', item.version + 1);
    expect([await catalog.isSource('SOURCES', DEPT), await catalog.isSource('SOURCES', OTHER_DEPT)]).toEqual([false, true]);
  });
});
