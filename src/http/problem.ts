import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InvalidInput } from '../shared/errors.ts';
import { languageOf, messageFor, validationMessage, type Language } from './messages.ts';

export interface FieldProblem {
  /** Where the problem is: `body/password`, `querystring/limit`, `[3].code` … */
  field: string;
  /** Machine-readable reason (a JSON Schema keyword or a domain reason such as `checksum`). */
  reason: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldProblem[];
  [fact: string]: unknown;
}

const STATUS_TITLES: Record<number, { zh: string; en: string }> = {
  400: { zh: '请求错误', en: 'Bad Request' },
  401: { zh: '未登录', en: 'Unauthorized' },
  403: { zh: '无权访问', en: 'Forbidden' },
  404: { zh: '未找到', en: 'Not Found' },
  405: { zh: '方法不允许', en: 'Method Not Allowed' },
  409: { zh: '冲突', en: 'Conflict' },
  413: { zh: '请求体过大', en: 'Payload Too Large' },
  415: { zh: '不支持的内容类型', en: 'Unsupported Media Type' },
  423: { zh: '已锁定', en: 'Locked' },
  429: { zh: '请求过多', en: 'Too Many Requests' },
  500: { zh: '服务器错误', en: 'Internal Server Error' },
  503: { zh: '服务不可用', en: 'Service Unavailable' },
};

/** Fastify's own client errors, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_json_body',
};

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

function validationProblems(err: FastifyError, lang: Language): FieldProblem[] {
  const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const problems: FieldProblem[] = [];
  for (const v of (err.validation ?? []) as unknown as AjvError[]) {
    // anyOf reports each branch too; the branch errors say nothing more to a caller.
    let path = v.instancePath;
    if (v.keyword === 'required') path += `/${String(v.params.missingProperty)}`;
    if (v.keyword === 'additionalProperties') path += `/${String(v.params.additionalProperty)}`;
    const field = `${context}${path}`;
    if (problems.some((p) => p.field === field)) continue;
    problems.push({ field, reason: v.keyword, message: validationMessage(v.keyword, lang, v.params) });
  }
  return problems;
}

function build(request: FastifyRequest, status: number, code: string, facts: Record<string, unknown>, errors?: FieldProblem[]): Problem {
  const lang = languageOf(request.headers['accept-language']);
  const title = (STATUS_TITLES[status] ?? STATUS_TITLES[status >= 500 ? 500 : 400]!)[lang];
  let detail = messageFor(code, lang, { ...facts, requestId: request.id }) ?? title;
  if (errors?.length) detail += lang === 'zh' ? `：${errors.map((e) => `${e.field} ${e.message}`).join('；')}` : `: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
  // The facts first: one of them may be called `detail` or `title`, and must not replace ours.
  return {
    ...facts,
    type: `urn:chengxin:problem:${code}`,
    title,
    status,
    code,
    detail,
    instance: request.url,
    requestId: request.id,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Every error becomes application/problem+json with a stable code and a Chinese or English message. */
export function problemFromError(err: unknown, request: FastifyRequest): Problem {
  const lang = languageOf(request.headers['accept-language']);
  if (err instanceof InvalidInput) {
    const { field, reason, ...facts } = err.facts as { field: string; reason: string };
    const message = messageFor(err.code, lang, facts) ?? reason;
    return build(request, err.status, err.code, facts, [{ field, reason, message }]);
  }
  if (err instanceof DomainError) return build(request, err.status, err.code, err.facts);
  const fe = err as FastifyError;
  if (fe.validation) return build(request, 400, 'request.invalid', {}, validationProblems(fe, lang));
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const facts: Record<string, unknown> = {};
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') facts.limit = request.routeOptions.bodyLimit;
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') facts.contentType = request.headers['content-type'] ?? '';
    return build(request, fe.statusCode ?? 400, FASTIFY_CODES[fe.code]!, facts);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return build(request, fe.statusCode, fe.statusCode === 405 ? 'http.method_not_allowed' : 'request.invalid', {});
  }
  return build(request, 500, 'internal.error', {});
}
