// npm entry: `import { uptake } from 'uptake'; uptake.init({ writeKey, host })`.
import type { Widgets } from './guide/widgets-api.ts';
import { createUptake } from './uptake.ts';

export type { InitOptions, Uptake } from './uptake.ts';

export const uptake = createUptake({
  loadWidgets: () => import('./widgets/index.ts') as Promise<Widgets>,
});
