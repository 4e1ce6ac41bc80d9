// Every saved version of a definition: who saved it and when; an editor can load one back into
// the form (it becomes the newest version only when saved).
import { formatDateTime } from '../../format.ts';
import { canEdit } from '../../state/role.ts';
import type { Resource } from '../../use-resource.ts';
import { Loaded } from '../status.tsx';

export interface VersionInfo {
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function VersionHistory<V extends VersionInfo>({ versions, retry, onLoad }: { versions: Resource<V[]>; retry: () => void; onLoad: (version: V) => void }) {
  return (
    <details class="versions">
      <summary>Version history</summary>
      <Loaded resource={versions} retry={retry} isEmpty={(v) => v.length === 0} empty="Not saved yet: the built-in definition is in force.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">Version</th>
                <th scope="col">Saved by</th>
                <th scope="col">When</th>
                {canEdit.value && (
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((v, i) => (
                <tr key={v.version}>
                  <td class="num">
                    {v.version}
                    {i === 0 && <span class="pill">current</span>}
                  </td>
                  <td>{v.updatedBy}</td>
                  <td>{formatDateTime(v.updatedAt)}</td>
                  {canEdit.value && (
                    <td>
                      {i > 0 && (
                        <button type="button" class="link" onClick={() => onLoad(v)}>
                          Load into the form
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </details>
  );
}
