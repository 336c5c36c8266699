import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Forbidden, Unauthenticated } from '../shared/errors.ts';
import type { Actor, RequestContext } from '../shared/context.ts';
import { AUTHENTICATED, PUBLIC, isRoutePermission, type AccountsService, type RoutePermission } from '../modules/accounts/index.ts';

export const SESSION_COOKIE = 'cx_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs (DESIGN.md decision 7: deny by default). */
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session or bearer token the request carried, if any. */
    sessionToken: string | null;
    /** The context services receive: who acts, for which request, and why. */
    context(extra?: Pick<RequestContext, 'purpose' | 'legalBasis'>): RequestContext;
  }
  interface FastifyInstance {
    /** Every registered route and the permission it declares, for the deny-by-default test. */
    routePermissions: Map<string, RoutePermission>;
  }
}

/**
 * Routes added by plugins we trust to be public (API documentation, the web app's static
 * files). Listed here, in one place, rather than exempting anything silently.
 */
const PUBLIC_PLUGIN_ROUTES = [/^\/docs(\/|$)/, /^\/\*$/];

export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

export function registerAuth(app: FastifyInstance, accounts: AccountsService): void {
  app.decorate('routePermissions', new Map<string, RoutePermission>());
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('context', function (this: FastifyRequest, extra?: Pick<RequestContext, 'purpose' | 'legalBasis'>): RequestContext {
    return { actor: this.actor, requestId: this.id, channel: 'http', ...extra };
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let permission = route.config?.permission;
    if (permission === undefined && PUBLIC_PLUGIN_ROUTES.some((re) => re.test(route.url))) {
      permission = PUBLIC;
      route.config = { ...route.config, permission };
    }
    if (!isRoutePermission(permission)) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission (config.permission); every route must (deny by default)`);
    }
    for (const m of methods) app.routePermissions.set(`${m} ${route.url}`, permission);
  });

  // onRequest, before the body is parsed and validated: an anonymous caller learns nothing about
  // a route's schema, and a bad body from them is answered 401, not 400.
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    // Not-found and error handlers run without a route; they reveal nothing.
    if (permission === undefined || permission === PUBLIC) return;
    request.sessionToken = tokenOf(request);
    request.actor = request.sessionToken ? await accounts.authenticate(request.sessionToken) : null;
    if (!request.actor) throw new Unauthenticated();
    if (permission !== AUTHENTICATED && !request.actor.permissions.has(permission)) throw new Forbidden('auth.forbidden', { permission });
  });
}
