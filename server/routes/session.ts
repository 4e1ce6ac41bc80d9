// /api/v1/session: console sign-in, who is signed in, sign-out, and changing one's password.
import { type Context, Hono } from 'hono';
import { type LoginCandidate, loginCandidates, passwordHashOf, recordLogin, setPasswordHash } from '../console-auth/users.ts';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from '../console-auth/login-limit.ts';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../console-auth/password.ts';
import { endSession, startSession } from '../console-auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { clientAddress } from '../middleware/client-address.ts';
import { type ConsoleAuthOptions, clearSessionCookie, refuseForeignOrigin, sessionFromCookie, setSessionCookie } from '../middleware/console-session.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { loginInput, passwordChange, type SessionInfo } from '../protocol/console-auth.ts';
import type { Store } from '../store/store.ts';

const info = (user: SessionInfo['user'], workspace: { id: string; name: string }, csrfToken: string): SessionInfo => ({
  user,
  workspace: { id: workspace.id, name: workspace.name },
  csrfToken,
});

function tooManyAttempts(c: Context, wait: number): Response {
  const minutes = Math.ceil(wait / 60);
  const error = new ApiError(429, 'too_many_attempts', `too many failed attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
  return c.json(error.toJSON(), 429, { 'Retry-After': String(wait) });
}

/** Every candidate whose password matches; an email with no login costs the same as one wrong password. */
async function matching(candidates: LoginCandidate[], password: string): Promise<LoginCandidate[]> {
  if (candidates.length === 0) return verifyAgainstDecoy(password).then(() => []);
  const matched: LoginCandidate[] = [];
  for (const candidate of candidates) if (await verifyPassword(password, candidate.passwordHash)) matched.push(candidate);
  return matched;
}

export function sessionRoutes(store: Store, options: ConsoleAuthOptions) {
  const { sql } = store;
  return new Hono()
    .post('/', async (c) => {
      // A login form on another site must not sign a visitor in to an attacker's account.
      refuseForeignOrigin(c, options.publicUrl);
      const input = await readJsonBody(c, loginInput, 'invalid_login');
      const ip = clientAddress(c, options.trustedProxyHops);
      const now = options.now();
      const wait = await loginRetryAfter(sql, input.email, ip, now);
      if (wait > 0) return tooManyAttempts(c, wait);
      const matched = await matching(await loginCandidates(sql, input.email, input.workspace), input.password);
      if (matched.length === 0) {
        await recordLoginFailure(sql, input.email, ip, now);
        // The same answer whether the email is unknown or the password wrong.
        throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
      }
      if (matched.length > 1) {
        throw new ApiError(400, 'workspace_required', `this email signs in to several workspaces; send "workspace" with one of: ${matched.map((m) => `"${m.workspaceName}"`).join(', ')}`);
      }
      const login = matched[0]!;
      await clearLoginFailures(sql, input.email, ip);
      await recordLogin(sql, login.workspaceId, login.userId, now.toISOString());
      const started = await startSession(sql, { workspaceId: login.workspaceId, userId: login.userId, userAgent: c.req.header('user-agent') ?? '' }, now);
      setSessionCookie(c, started.token);
      return c.json(info({ id: login.userId, email: login.email, role: login.role }, { id: login.workspaceId, name: login.workspaceName }, started.csrfToken));
    })
    .get('/', async (c) => {
      const session = await sessionFromCookie(c, sql, options);
      return c.json(info(session.user, session.workspace, session.csrfToken));
    })
    .delete('/', async (c) => {
      const session = await sessionFromCookie(c, sql, options);
      await endSession(sql, session.id);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .post('/password', async (c) => {
      const session = await sessionFromCookie(c, sql, options);
      const change = await readJsonBody(c, passwordChange, 'invalid_password');
      const { workspace, user } = session;
      // Guessing the current password from a borrowed session is limited like signing in.
      const ip = clientAddress(c, options.trustedProxyHops);
      const now = options.now();
      const wait = await loginRetryAfter(sql, user.email, ip, now);
      if (wait > 0) return tooManyAttempts(c, wait);
      const stored = await passwordHashOf(sql, workspace.id, user.id);
      if (!stored || !(await verifyPassword(change.current, stored))) {
        await recordLoginFailure(sql, user.email, ip, now);
        throw new ApiError(403, 'wrong_password', 'the current password is not right');
      }
      // Other sessions of this user end: whoever else knew the old password is signed out.
      await setPasswordHash(sql, workspace.id, user.id, await hashPassword(change.next), session.id);
      return c.body(null, 204);
    });
}
