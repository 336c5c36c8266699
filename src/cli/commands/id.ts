import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import {
  classifySubjectCode,
  codeRejectionMessages,
  type CitizenCodeFacts,
  type OrgCodeFacts,
} from '../../modules/identity/codes/index.ts';

export function registerIdCommands(program: Command): void {
  const id = program.command('id').description('identity codes / 身份代码');
  id.command('check <code>')
    .description(
      'validate a citizen code (公民身份号码) or unified social credit code (统一社会信用代码); ' +
        'a valid code is well-formed, which does not prove it was issued / 校验代码',
    )
    .option('--json', 'print one JSON line: {valid, kind, …facts} or {valid: false, reason, detail, message}')
    .action((code: string, opts: { json?: boolean }) => {
      // "today" for the birth-date rule comes from the configured clock (honours CHENGXIN_NOW).
      const today = shanghaiDate(loadConfig().clock.now());
      const result = classifySubjectCode(code, today);
      if (result.ok) {
        process.stdout.write(opts.json ? `${JSON.stringify({ valid: true, ...result.facts })}\n` : describe(result.facts));
        return;
      }
      const message = codeRejectionMessages[result.reason];
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ valid: false, reason: result.reason, detail: result.detail, message })}\n`);
      } else {
        process.stderr.write(`无效 invalid: ${result.reason} — ${message.zh} / ${result.detail}\n`);
      }
      process.exitCode = 1;
    });
}

function describe(facts: CitizenCodeFacts | OrgCodeFacts): string {
  const lines =
    facts.kind === 'person'
      ? [
          '有效 valid: 公民身份号码 citizen code',
          `号码 code: ${facts.code}`,
          ...(facts.convertedFrom15 ? ['由15位号码转换 converted from 15 digits'] : []),
          `地区 region: ${facts.regionCode} ${facts.regionName}`,
          `出生日期 birth date: ${facts.birthDate}`,
          `性别 sex: ${facts.sex === 'male' ? '男 male' : '女 female'}`,
        ]
      : [
          '有效 valid: 统一社会信用代码 org code',
          `代码 code: ${facts.code}`,
          `登记管理部门 registration authority: ${facts.registrationAuthority} ${facts.registrationAuthorityName}`,
          `机构类别 organization type: ${facts.orgType}`,
          `地区 region: ${facts.regionCode} ${facts.regionName ?? '未知 unknown'}`,
          ...(facts.isIndividualBusiness ? ['个体工商户 individual business (a natural person)'] : []),
        ];
  return `${lines.join('\n')}\n`;
}
