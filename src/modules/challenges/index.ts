export { ChallengesService, type ChallengesDeps } from './service.ts';
export { challengesRoutes, type ChallengesRouteOptions } from './routes.ts';
export { challengesMessages } from './messages.ts';
export { challengeRules, type ChallengeRules } from './rules.ts';
export { CHALLENGE_KINDS, CHALLENGE_MARKS, CHALLENGE_OUTCOMES, ChallengeSchema, type Challenge, type ChallengeKind, type ChallengeMark, type ChallengeOutcome } from './schema.ts';
