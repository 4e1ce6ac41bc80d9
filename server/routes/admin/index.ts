// The admin API under /api/v1: every route needs the workspace's secret key or a console session.
import { Hono } from 'hono';
import { adminAuth, type AuthedEnv } from '../../middleware/auth.ts';
import type { ConsoleAuthOptions } from '../../middleware/console-session.ts';
import type { Store } from '../../store/store.ts';
import { accountRateRoutes, tierMatrixRoutes } from './account-spread.ts';
import { accountCsvRoutes, accountRoutes } from './accounts.ts';
import { alertRoutes, featureImpactRoutes, overviewRoutes, userRoutes } from './analytics.ts';
import { keyedDefinitionRoutes, singletonDefinitionRoutes } from './definitions.ts';
import { audienceRoutes } from './audiences.ts';
import { campaignRoutes } from './campaigns.ts';
import { consoleUserRoutes } from './console-users.ts';
import { eventRoutes } from './events.ts';
import { featureRoutes } from './features.ts';
import { installRoutes } from './install.ts';
import { keyRoutes } from './keys.ts';
import { settingsRoutes } from './settings.ts';
import { webhookRoutes } from './webhooks.ts';

export function adminRoutes(store: Store, auth: ConsoleAuthOptions) {
  return new Hono<AuthedEnv>()
    .use(adminAuth(store, auth))
    .route('/campaigns', campaignRoutes(store))
    .route('/audiences', audienceRoutes(store))
    .route('/accounts.csv', accountCsvRoutes(store))
    .route('/accounts', accountRoutes(store))
    .route('/tier-matrix', tierMatrixRoutes(store))
    .route('/account-rates', accountRateRoutes(store))
    .route('/users', userRoutes(store))
    .route('/overview', overviewRoutes(store))
    .route('/feature-impact', featureImpactRoutes(store))
    .route('/alerts', alertRoutes(store))
    .route('/journeys', keyedDefinitionRoutes(store, 'journey', 'journey'))
    .route('/certifications', keyedDefinitionRoutes(store, 'certification', 'certification'))
    .route('/alert-rules', keyedDefinitionRoutes(store, 'alert', 'alert_rule'))
    .route('/health', singletonDefinitionRoutes(store, 'health', 'health'))
    .route('/tiers', singletonDefinitionRoutes(store, 'tiers', 'tiers'))
    .route('/measures', singletonDefinitionRoutes(store, 'measures', 'measures'))
    .route('/features', featureRoutes(store))
    .route('/events', eventRoutes(store))
    .route('/install', installRoutes(store, auth.publicUrl))
    .route('/settings/keys', keyRoutes(store))
    .route('/settings', settingsRoutes(store))
    .route('/console-users', consoleUserRoutes(store))
    .route('/webhooks', webhookRoutes(store));
}
