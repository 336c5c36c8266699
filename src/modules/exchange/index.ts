export { ExchangeService, type ChangeInput } from './service.ts';
export { exchangeRoutes } from './routes.ts';
export { exchangeMessages } from './messages.ts';
export type { Change, ChangeKind } from './schema.ts';
