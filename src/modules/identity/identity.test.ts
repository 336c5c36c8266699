import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { InvalidInput, NotFound } from '../../shared/errors.ts';
import { makeCitizenCode, makeOrgCode } from './codes/index.ts';

describeEachDatabase('identity service', (get) => {
  it('stores a citizen code only as a blind index and SM4 ciphertext, and finds the person by it', async () => {
    const { services, database } = get();
    const code = makeCitizenCode('419001', '1972-02-29', 246);
    const { id, created } = await services.identity.registerPerson({ actor: null }, { code, name: '欧阳**' });
    expect(created).toBe(true);
    const row = await database.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.codeIndex).toBe(get().keys.blindIndex.of(code));
    const person = await services.identity.findPersonByCode({ actor: null, purpose: 'test' }, code);
    expect(person).toMatchObject({ id, code, sex: 'female', birthDate: '1972-02-29', regionName: expect.stringContaining('济源'), identityStatus: 'unverified' });
  });

  it('normalises lower-case x and 15-digit numbers to the same person', async () => {
    const { services } = get();
    const code18 = makeCitizenCode('410102', '1965-03-05', 31);
    const first = await services.identity.registerPerson({ actor: null }, { code: code18, name: '李*' });
    const legacy15 = code18.slice(0, 6) + code18.slice(8, 17);
    expect(await services.identity.resolvePersonId(legacy15)).toBe(first.id);
    const again = await services.identity.registerPerson({ actor: null }, { code: legacy15, name: '李*' });
    expect(again).toEqual({ id: first.id, created: false });
    const withX = Array.from({ length: 100 }, (_, seq) => makeCitizenCode('419001', '2001-10-01', seq)).find((c) => c.endsWith('X'))!;
    const { id } = await services.identity.registerPerson({ actor: null }, { code: withX, name: '赵*' });
    expect(await services.identity.resolvePersonId(withX.toLowerCase())).toBe(id);
  });

  it('a batch with one bad code writes nothing and names the row', async () => {
    const { services } = get();
    const before = await services.identity.countPersons();
    const good = makeCitizenCode('419001', '1990-05-05', 5);
    const bad = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`;
    const error = await services.identity
      .registerPersons({ actor: null }, [
        { code: good, name: '甲*' },
        { code: bad, name: '乙*' },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).field).toBe('[1].code');
    expect((error as InvalidInput).code).toBe('identity.citizen_code_checksum');
    expect(await services.identity.countPersons()).toBe(before);
  });

  it('bulk registration is idempotent', async () => {
    const { services } = get();
    const batch = Array.from({ length: 50 }, (_, i) => ({ code: makeCitizenCode('419001', '1980-01-01', 100 + i), name: `测试${i}` }));
    expect(await services.identity.registerPersons({ actor: null }, batch)).toEqual({ added: 50 });
    expect(await services.identity.registerPersons({ actor: null }, batch)).toEqual({ added: 0 });
  });

  it('logs a miss without revealing the code, and answers not found', async () => {
    const { services } = get();
    const code = makeCitizenCode('419001', '1999-09-09', 999);
    const before = await services.audit.count('person.read');
    await expect(services.identity.findPersonByCode({ actor: null, purpose: 'probe' }, code)).rejects.toBeInstanceOf(NotFound);
    expect(await services.audit.count('person.read')).toBe(before + 1);
  });

  it('registers organizations with their legal representative and finds them by code', async () => {
    const { services } = get();
    const rep = makeCitizenCode('419001', '1975-07-07', 77);
    const { id: repId } = await services.identity.registerPerson({ actor: null }, { code: rep, name: '王**' });
    const orgCode = makeOrgCode('91419001MA0000001');
    expect(await services.identity.registerOrganizations({ actor: null }, [{ orgCode, name: '济源市测试有限公司', legalRepresentativeName: '王**', legalRepresentativePersonId: repId }])).toEqual({ added: 1 });
    const org = await services.identity.findOrganizationByCode({ actor: null }, orgCode.toLowerCase());
    expect(org).toMatchObject({ orgCode, name: '济源市测试有限公司', legalRepresentativeName: '王**', regionCode: '419001' });
  });

  it('concurrent reads are each logged (group commit), none lost', async () => {
    const { services } = get();
    const code = makeCitizenCode('419001', '1988-08-08', 88);
    await services.identity.registerPerson({ actor: null }, { code, name: '陈*' });
    const before = await services.audit.count('person.read');
    await Promise.all(Array.from({ length: 40 }, () => services.identity.findPersonByCode({ actor: null, purpose: 'load' }, code)));
    expect(await services.audit.count('person.read')).toBe(before + 40);
  });
});
