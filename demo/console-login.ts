// The demo workspace's console login, printed by `npm start`. A fixed, documented password is
// fine for a demo on localhost; real workspaces get one-time passwords (`uptake user create`).
import { createLogin } from '../server/console-auth/create-login.ts';
import { loginCandidates } from '../server/console-auth/users.ts';
import type { Store, Workspace } from '../server/store/store.ts';

export const DEMO_LOGIN = { email: 'cs@clinicflow.demo', password: 'uptake-demo-password', role: 'admin' } as const;

/** Creates the demo login if the workspace has none yet (also in demo databases seeded before logins existed). */
export async function ensureDemoLogin(store: Store, workspace: Workspace): Promise<void> {
  if ((await loginCandidates(store.sql, DEMO_LOGIN.email, workspace.name)).length > 0) return;
  await createLogin(store.sql, workspace.id, { email: DEMO_LOGIN.email, role: DEMO_LOGIN.role }, DEMO_LOGIN.password);
}
