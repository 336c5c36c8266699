import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { codeRejectionMessages, type CodeRejection } from '../../modules/identity/codes/index.ts';
import { registerIdCommands } from './id.ts';

/** Runs `chengxin id check …` in-process and returns what it wrote and its exit code. */
async function runIdCheck(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  const program = new Command('chengxin').exitOverride();
  registerIdCommands(program);
  try {
    await program.parseAsync(['id', 'check', ...args], { from: 'user' });
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
    vi.mocked(process.stderr.write).mockRestore();
  }
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode: Number(process.exitCode ?? 0) };
}

beforeEach(() => {
  // 2025-06-30 in Asia/Shanghai.
  vi.stubEnv('CHENGXIN_NOW', '2025-06-30T04:00:00Z');
  vi.stubEnv('NODE_ENV', 'test');
  process.exitCode = undefined;
});

afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe('chengxin id check', () => {
  it('describes a valid citizen code in Chinese and English', async () => {
    const { stdout, stderr, exitCode } = await runIdCheck('419001199003071237');
    expect(stdout).toBe(
      [
        '有效 valid: 公民身份号码 citizen code',
        '号码 code: 419001199003071237',
        '地区 region: 419001 河南省济源市',
        '出生日期 birth date: 1990-03-07',
        '性别 sex: 男 male',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });

  it('prints a valid citizen code as one JSON line', async () => {
    const { stdout, exitCode } = await runIdCheck('11010519491231002x', '--json');
    expect(stdout).toBe(
      '{"valid":true,"kind":"person","code":"11010519491231002X","regionCode":"110105","regionName":"北京市朝阳区",' +
        '"birthDate":"1949-12-31","sex":"female","convertedFrom15":false}\n',
    );
    expect(exitCode).toBe(0);
  });

  it('says when a 15-digit number was converted', async () => {
    const { stdout, exitCode } = await runIdCheck('110105491231002');
    expect(stdout).toContain('号码 code: 11010519491231002X\n由15位号码转换 converted from 15 digits\n');
    expect(stdout).toContain('性别 sex: 女 female');
    expect(exitCode).toBe(0);
    const json = await runIdCheck('110105491231002', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, code: '11010519491231002X', convertedFrom15: true });
  });

  it('describes a valid organization code', async () => {
    const { stdout, exitCode } = await runIdCheck('91350100M000100Y43');
    expect(stdout).toBe(
      [
        '有效 valid: 统一社会信用代码 org code',
        '代码 code: 91350100M000100Y43',
        '登记管理部门 registration authority: 9 工商',
        '机构类别 organization type: 1',
        '地区 region: 350100 福建省福州市',
        '',
      ].join('\n'),
    );
    expect(exitCode).toBe(0);
    const json = await runIdCheck('91350100M000100Y43', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      valid: true,
      kind: 'organization',
      code: '91350100M000100Y43',
      registrationAuthority: '9',
      registrationAuthorityName: '工商',
      orgType: '1',
      regionCode: '350100',
      regionName: '福建省福州市',
      isIndividualBusiness: false,
    });
  });

  it('marks an individual business, a natural person', async () => {
    const { stdout } = await runIdCheck('92419001MA9F000012');
    expect(stdout).toContain('地区 region: 419001 河南省济源市\n个体工商户 individual business (a natural person)\n');
  });

  it.each<[CodeRejection, string, string]>([
    ['length', '1101051949123100', 'expected 18 characters (or 15 digits), got 16'],
    ['charset', '11010549123100X', 'character 15 ("X") should be a digit'],
    ['region', '999999199003071230', 'region code 999999 is not a known GB/T 2260 division'],
    ['birthdate', '419001202507011230', 'birth date 2025-07-01 is after today (2025-06-30)'],
    ['checksum', '110105194912310021', 'check character should be X, got 1'],
  ])('refuses a code for %s on stderr with exit code 1', async (reason, code, detail) => {
    const { stdout, stderr, exitCode } = await runIdCheck(code);
    expect(stdout).toBe('');
    expect(stderr).toBe(`无效 invalid: ${reason} — ${codeRejectionMessages[reason].zh} / ${detail}\n`);
    expect(exitCode).toBe(1);
  });

  it.each<[CodeRejection, string, string]>([
    ['length', '1101051949123100', 'expected 18 characters (or 15 digits), got 16'],
    ['charset', '9135010OM000100Y43', 'character 8 ("O") is not one of 0-9 and A-Y without I, O, S, V'],
    ['region', '9135A100M000100Y43', 'characters 3-8 (35A100) should be a six-digit region code'],
    ['birthdate', '419001202507011230', 'birth date 2025-07-01 is after today (2025-06-30)'],
    ['checksum', '91350100M000100Y44', 'check character should be 3, got 4'],
  ])('refuses a code for %s as one JSON line with exit code 1', async (reason, code, detail) => {
    const { stdout, exitCode } = await runIdCheck(code, '--json');
    expect(stdout.split('\n')).toEqual([expect.any(String), '']);
    expect(JSON.parse(stdout)).toEqual({ valid: false, reason, detail, message: codeRejectionMessages[reason] });
    expect(exitCode).toBe(1);
  });
});
