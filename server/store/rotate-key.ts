// Replaces a workspace's write or secret key. The old key stops working with the next request
// (the read cache, which keeps workspaces by write key, is cleared by the caller).
import type { KeyKind, WorkspaceKeys } from '../protocol/console-auth.ts';
import { newSecretKey, newWriteKey } from './keys.ts';
import type { SqlDb } from './sql.ts';

export async function rotateKey(sql: SqlDb, workspaceId: string, kind: KeyKind): Promise<WorkspaceKeys> {
  const column = kind === 'write' ? 'write_key' : 'secret_key';
  const key = kind === 'write' ? newWriteKey() : newSecretKey();
  await sql.batch([[`UPDATE workspaces SET ${column} = ? WHERE id = ?`, [key, workspaceId]]]);
  const row = await sql.get<WorkspaceKeys>('SELECT write_key AS "writeKey", secret_key AS "secretKey" FROM workspaces WHERE id = ?', [workspaceId]);
  if (!row) throw new Error(`no workspace ${workspaceId}`);
  return row;
}
