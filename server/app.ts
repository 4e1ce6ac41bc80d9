// The HTTP application: sub-apps per area and one error handler writing the error envelope.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { ApiError } from './errors.ts';
import { publicCors } from './middleware/public-cors.ts';
import { withReadCache } from './store/read-cache.ts';
import type { Store } from './store/store.ts';
import { openApiRoutes } from './openapi/serve.ts';
import { adminRoutes } from './routes/admin/index.ts';
import { consoleRoutes, sdkAssetRoutes } from './routes/assets.ts';
import { configRoutes } from './routes/config.ts';
import { decideRoutes } from './routes/decide.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { sessionRoutes } from './routes/session.ts';

export interface AppOptions {
  store: Store;
  publicUrl: string;
  /** Sees every request before routing (tests use it to watch for CORS preflights). */
  observe?: (request: Request) => void;
  /** The time for console sessions and sign-in limits; tests move it. Default: the system clock. */
  now?: () => Date;
  /**
   * How many reverse proxies stand in front of the server: the sign-in limit then takes the
   * client's address from X-Forwarded-For. Default 0: the connection's address, header ignored.
   */
  trustedProxyHops?: number;
}

export function createApp({ store: backing, publicUrl, observe, now = () => new Date(), trustedProxyHops = 0 }: AppOptions) {
  const store = withReadCache(backing);
  const consoleAuth = { publicUrl, now, trustedProxyHops };
  // Not strict: /demo and /demo/ are the same page to a person typing a URL.
  const app = new Hono({ strict: false });
  if (observe) {
    app.use(async function observeRequest(c, next) {
      observe(c.req.raw);
      await next();
    });
  }
  app.use(requestId());
  // Pages on any origin send events and ask what to show; no cookies are involved.
  app.use('/v1/*', publicCors());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/v1', ingestRoutes(store));
  app.route('/v1', decideRoutes(store));
  app.route('/v1', configRoutes(store));
  // Before the admin API: its secret-key check would otherwise refuse the document.
  app.route('/api/v1', openApiRoutes());
  app.route('/api/v1/session', sessionRoutes(store, consoleAuth));
  app.route('/api/v1', adminRoutes(store, consoleAuth));
  app.route('/sdk', sdkAssetRoutes());
  app.route('/console', consoleRoutes());
  app.get('/', (c) => c.redirect('/console/'));

  app.notFound((c) => c.json(new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`).toJSON(), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toJSON(), error.status);
    if (error instanceof HTTPException) {
      return c.json(new ApiError(error.status, 'http_error', error.message || 'request failed').toJSON(), error.status);
    }
    console.error(`[uptake] ${c.req.method} ${c.req.path} failed (request ${c.get('requestId')}):`, error);
    return c.json(new ApiError(500, 'internal_error', `something went wrong on our side; request id ${c.get('requestId')}`).toJSON(), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
