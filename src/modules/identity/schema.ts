import { Type, type Static } from 'typebox';

export const SubjectCodeCheckBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64, description: 'Citizen code (GB 11643) or unified social credit code (GB 32100) / 公民身份号码或统一社会信用代码' }) },
  { additionalProperties: false },
);

export const SubjectCodeCheckReplySchema = Type.Object({
  valid: Type.Boolean(),
  kind: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('organization')])),
  code: Type.Optional(Type.String({ description: 'Normalised code / 规范化后的号码' })),
  regionCode: Type.Optional(Type.String()),
  regionName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  birthDate: Type.Optional(Type.String()),
  sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  convertedFrom15: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Type.String({ description: 'length | charset | region | birthdate | checksum' })),
  message: Type.Optional(Type.String({ description: 'Why the code is invalid, in the requested language / 无效原因' })),
});

export const PersonLookupBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code / 公民身份号码' }),
    purpose: Type.String({ minLength: 2, maxLength: 200, description: 'Why the person is looked up; written to the access log / 查询用途' }),
  },
  { additionalProperties: false },
);

export const PersonSchema = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'Citizen code (decrypted for this authorised read) / 公民身份号码' }),
  maskedCode: Type.String({ description: 'Masked citizen code / 脱敏号码' }),
  name: Type.String(),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  birthDate: Type.String(),
  regionCode: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  identityStatus: Type.Union([Type.Literal('verified'), Type.Literal('unverified')]),
});
export type Person = Static<typeof PersonSchema>;

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  orgCode: Type.String(),
  name: Type.String(),
  legalRepresentativeName: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  identityStatus: Type.Union([Type.Literal('verified'), Type.Literal('unverified')]),
});
export type Organization = Static<typeof OrganizationSchema>;
