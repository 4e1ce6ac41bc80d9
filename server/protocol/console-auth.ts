// Console sign-in, console users and API keys on the wire. The console imports the types only.
import { z } from 'zod';

/**
 * What a console user may do: `viewer` reads everything and changes nothing; `editor` changes
 * definitions and campaigns but not users, keys or workspace settings; `admin` does everything.
 */
export const consoleRole = z.enum(['admin', 'editor', 'viewer']);
export type ConsoleRole = z.infer<typeof consoleRole>;

/** Shortest password a person may choose; generated one-time passwords are longer. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer inputs only cost hashing time. */
const MAX_PASSWORD_LENGTH = 1024;

const email = z.string().trim().toLowerCase().pipe(z.email('expected an email address').max(254));

export const loginInput = z.object({
  // Not checked for shape: a malformed address is just another wrong login.
  email: z.string().trim().toLowerCase().min(1, 'enter your email').max(254),
  password: z.string().min(1, 'enter your password').max(MAX_PASSWORD_LENGTH),
  /** The workspace's name; needed only when the email has a login in several workspaces. */
  workspace: z.string().trim().min(1).max(200).optional(),
});
export type LoginInput = z.infer<typeof loginInput>;

export const passwordChange = z.object({
  current: z.string().min(1, 'enter your current password').max(MAX_PASSWORD_LENGTH),
  next: z.string().min(MIN_PASSWORD_LENGTH, `the new password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH),
});
export type PasswordChange = z.infer<typeof passwordChange>;

export const consoleUserInput = z.object({ email, role: consoleRole });
export type ConsoleUserInput = z.infer<typeof consoleUserInput>;

export const consoleUserPatch = z
  .object({ role: consoleRole.optional(), disabled: z.boolean().optional() })
  .refine((patch) => patch.role !== undefined || patch.disabled !== undefined, 'send role, disabled or both');
export type ConsoleUserPatch = z.infer<typeof consoleUserPatch>;

export const keyRotation = z.object({ key: z.enum(['write', 'secret']) });
export type KeyKind = z.infer<typeof keyRotation>['key'];

/** A console user as the API shows it: never the password hash. */
export interface ConsoleUser {
  id: string;
  email: string;
  role: ConsoleRole;
  createdAt: string;
  lastLoginAt: string | null;
  disabled: boolean;
}

/** Answer of POST and GET /api/v1/session. */
export interface SessionInfo {
  user: { id: string; email: string; role: ConsoleRole };
  workspace: { id: string; name: string };
  /** Send it back as `X-CSRF-Token` on every request that changes something. */
  csrfToken: string;
}

/** Answer of user creation and password reset: the password is shown this once. */
export interface OneTimePassword {
  user: ConsoleUser;
  password: string;
}

export interface WorkspaceKeys {
  writeKey: string;
  secretKey: string;
}
