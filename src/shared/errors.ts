/**
 * Domain errors carry a stable code (`module.reason`), a default HTTP status and the facts
 * that explain them. Messages in Chinese and English live in the message catalog
 * (`src/shared/messages.ts`); the HTTP layer turns a DomainError into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly facts: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(code = 'common.not_found', facts: Record<string, unknown> = {}) {
    super(code, 404, facts);
  }
}

export class InvalidInput extends DomainError {
  constructor(
    code: string,
    /** Which field (or file cell) is wrong, so the caller can locate the error. */
    readonly field: string,
    readonly reason: string,
    facts: Record<string, unknown> = {},
  ) {
    super(code, 400, { field, reason, ...facts });
  }
}

export class Conflict extends DomainError {
  constructor(code: string, facts: Record<string, unknown> = {}) {
    super(code, 409, facts);
  }
}

export class Unauthenticated extends DomainError {
  constructor(code = 'auth.unauthenticated', facts: Record<string, unknown> = {}) {
    super(code, 401, facts);
  }
}

export class Forbidden extends DomainError {
  constructor(code = 'auth.forbidden', facts: Record<string, unknown> = {}) {
    super(code, 403, facts);
  }
}

/** A configuration value that stops start-up; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}
