// The `uptake` command.
import { parseArgs } from 'node:util';
import { DEMO_LOGIN } from '../demo/console-login.ts';
import { seedDemo } from '../demo/seed.ts';
import { demoRoutes } from '../demo/routes.ts';
import { refreshAnalytics } from './analytics/refresh.ts';
import { createLogin } from './console-auth/create-login.ts';
import { describeZodError } from './errors.ts';
import { consoleUserInput } from './protocol/console-auth.ts';
import type { Store } from './store/store.ts';
import { createApp } from './app.ts';
import { webhookEvent } from './webhooks/outbox.ts';
import { loadConfig } from './env.ts';
import { closeOnSignals, listen, openStore } from './index.ts';

const USAGE = `Usage: uptake <command> [options]

Commands:
  serve [--demo]                 start the server (--demo: create the demo workspace if missing and serve /demo/)
  workspace create --name NAME   create a workspace and print its keys as one JSON line
  user create --email E --role R [--workspace NAME]
                                 give someone a console login (role admin, editor or viewer) and print
                                 its one-time password as one JSON line (--workspace: needed if several)
  seed-demo                      create the demo workspace with accounts, users and weeks of events
  recompute [--workspace NAME]   evaluate every user and account again (after changing definitions), with progress

Environment:
  PORT          port to listen on (default 8787)
  HOST          interface to bind (default 127.0.0.1)
  DATABASE_URL  SQLite file path (default ./data/uptake.db)
  PUBLIC_URL    public base URL used in links and the snippet (default http://localhost:PORT)
  TRUST_PROXY   reverse proxies in front of the server ("true" = 1): sign-in limits then read
                the client's address from X-Forwarded-For (default: unset, header ignored)`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();

  if (command === 'serve') {
    const { values } = parse(rest, { demo: { type: 'boolean', default: false } });
    const store = await openStore(config.database);
    const app = createApp({ store, publicUrl: config.publicUrl, trustedProxyHops: config.trustedProxyHops });
    // Seeding goes through its own app instance: routes cannot be added to one that has served requests.
    const demo = values.demo ? await seedDemo(store, createApp({ store, publicUrl: config.publicUrl })) : undefined;
    if (demo) app.route('/demo', demoRoutes({ writeKey: demo.workspace.writeKey, host: config.publicUrl }));
    const server = await listen(app, store, config);
    closeOnSignals(server);
    const lines = [`Uptake is running at ${config.publicUrl} (database: ${describeDatabase(config)})`];
    if (demo) {
      lines.push(
        '',
        `  Demo product   ${config.publicUrl}/demo/`,
        `  Console        ${config.publicUrl}/console/`,
        `  Console login  ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`,
        '',
        `  Workspace      ${demo.workspace.name}${demo.created ? ` (created: ${demo.summary})` : ''}`,
        `  Write key      ${demo.workspace.writeKey}   (public: goes in the snippet)`,
        `  Secret key     ${demo.workspace.secretKey}   (private: admin API)`,
      );
    }
    lines.push('', 'Press Ctrl+C to stop.');
    console.log(lines.join('\n'));
    return -1; // keep running
  }

  if (command === 'workspace') {
    const [sub, ...options] = rest;
    if (sub !== 'create') throw new UsageError(`unknown workspace command "${sub ?? ''}"; try: uptake workspace create --name NAME`);
    const { values } = parse(options, { name: { type: 'string' } });
    const name = values.name?.trim();
    if (!name) throw new UsageError('workspace create needs --name NAME');
    const store = await openStore(config.database);
    try {
      if (await store.workspaceByName(name)) throw new UsageError(`a workspace named "${name}" already exists`);
      const { id, writeKey, secretKey } = await store.createWorkspace(name);
      console.log(JSON.stringify({ id, name, writeKey, secretKey }));
    } finally {
      await store.close();
    }
    return 0;
  }

  if (command === 'user') {
    const [sub, ...options] = rest;
    if (sub !== 'create') throw new UsageError(`unknown user command "${sub ?? ''}"; try: uptake user create --email E --role R`);
    const { values } = parse(options, { email: { type: 'string' }, role: { type: 'string' }, workspace: { type: 'string' } });
    const input = consoleUserInput.safeParse({ email: values.email ?? '', role: values.role ?? '' });
    if (!input.success) throw new UsageError(`--${describeZodError(input.error).message}`);
    const store = await openStore(config.database);
    try {
      const workspace = await onlyOrNamedWorkspace(store, values.workspace);
      const created = await createLogin(store.sql, workspace.id, input.data);
      if (!created) throw new UsageError(`${input.data.email} already has a login in workspace "${workspace.name}"`);
      console.log(JSON.stringify({ email: created.user.email, role: created.user.role, workspace: workspace.name, password: created.password }));
    } finally {
      await store.close();
    }
    return 0;
  }

  if (command === 'seed-demo') {
    parse(rest, {});
    const store = await openStore(config.database);
    try {
      const demo = await seedDemo(store, createApp({ store, publicUrl: config.publicUrl }));
      const { id, name, writeKey, secretKey } = demo.workspace;
      console.log(JSON.stringify({ id, name, writeKey, secretKey, created: demo.created, summary: demo.summary }));
    } finally {
      await store.close();
    }
    return 0;
  }

  if (command === 'recompute') {
    const { values } = parse(rest, { workspace: { type: 'string' } });
    const store = await openStore(config.database);
    try {
      let workspaceId: string | undefined;
      if (values.workspace !== undefined) {
        const workspace = await store.workspaceByName(values.workspace.trim());
        if (!workspace) throw new UsageError(`no workspace named "${values.workspace}"`);
        workspaceId = workspace.id;
      }
      const bar = progressBar(process.stderr);
      const summary = await refreshAnalytics(store, { full: true, emit: webhookEvent, onProgress: bar, ...(workspaceId ? { workspaceId } : {}) });
      bar.done();
      const n = (x: number) => x.toLocaleString('en-US');
      console.log(
        `Recomputed ${n(summary.accounts)} accounts and ${n(summary.users)} users in ${n(summary.workspaces)} workspace${summary.workspaces === 1 ? '' : 's'} ` +
          `in ${(summary.ms / 1000).toFixed(1)} s; ${n(summary.alertsRaised)} alerts raised, ${n(summary.certificationsAwarded)} certification levels awarded.`,
      );
    } finally {
      await store.close();
    }
    return 0;
  }

  throw new UsageError(`unknown command "${command}"; run "uptake help" for the list`);
}

/** The named workspace, or the only one there is. */
async function onlyOrNamedWorkspace(store: Store, name: string | undefined): Promise<{ id: string; name: string }> {
  if (name !== undefined) {
    const workspace = await store.workspaceByName(name.trim());
    if (!workspace) throw new UsageError(`no workspace named "${name}"`);
    return workspace;
  }
  const all = await store.sql.all<{ id: string; name: string }>('SELECT id, name FROM workspaces ORDER BY name LIMIT 2');
  if (all.length === 0) throw new UsageError('there is no workspace yet; create one with: uptake workspace create --name NAME');
  if (all.length > 1) throw new UsageError('there are several workspaces; name one with --workspace NAME');
  return all[0]!;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A one-line bar on a terminal; nothing when output is piped (logs stay clean). */
function progressBar(out: NodeJS.WriteStream) {
  const draw = (done: number, total: number) => {
    if (!out.isTTY || !total) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% written`);
  };
  return Object.assign(draw, { done: () => out.isTTY && out.write('\n') });
}

function describeDatabase(config: ReturnType<typeof loadConfig>): string {
  return config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: Error) => {
    console.error(`uptake: ${error.message}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
