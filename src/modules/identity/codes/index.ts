export {
  checkCharacterFor,
  makeCitizenCode,
  parseCitizenCode,
  type CitizenCodeFacts,
  type CodeCheck,
  type CodeRejection,
} from './citizen-code.ts';
export { classifySubjectCode } from './classify.ts';
export { codeRejectionMessages } from './messages.ts';
export { makeOrgCode, parseOrgCode, type OrgCodeFacts } from './org-code.ts';
export { isKnownRegion, regionName } from './regions.ts';
