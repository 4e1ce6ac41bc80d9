// The version history panel of every editor (definitions and campaigns): each saved version, what
// changed when the screen records it, who and when; an editor can load an older one back into the
// form (it becomes the newest version only when saved).
import { formatDateTime } from '../format.ts';
import type { Resource } from '../use-resource.ts';
import { ActionsHeading } from './screen.tsx';
import { Loaded } from './status.tsx';

/** One saved version as the table shows it. */
export interface VersionRow {
  version: number;
  /** What the save did ("Published"); absent where every save is an edit. */
  change?: string;
  by: string;
  at: string;
  current: boolean;
}

interface Props<V> {
  versions: Resource<V[]>;
  retry: () => void;
  /** The list comes newest first: `newest` is true for the first one. */
  row: (version: V, newest: boolean) => VersionRow;
  /** Null when the viewer may not load a version (a viewer, an archived campaign). */
  onLoad: ((version: V) => void) | null;
  empty: string;
  id?: string;
  /** A panel of its own (below a campaign's form) rather than a part of the editor's panel. */
  boxed?: boolean;
}

export function VersionHistory<V>({ versions, retry, row, onLoad, empty, id, boxed }: Props<V>) {
  return (
    <details class={boxed ? 'versions panel' : 'versions'} id={id}>
      <summary>Version history</summary>
      <Loaded resource={versions} retry={retry} isEmpty={(v) => v.length === 0} empty={empty}>
        {(list) => {
          const rows = list.map((v, i) => ({ v, r: row(v, i === 0) }));
          const changes = rows.some(({ r }) => r.change !== undefined);
          return (
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">Version</th>
                  {changes && <th scope="col">Change</th>}
                  <th scope="col">{changes ? 'By' : 'Saved by'}</th>
                  <th scope="col">When</th>
                  {onLoad && (
                    <ActionsHeading />
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ v, r }) => (
                  <tr key={r.version}>
                    <td class="num">
                      {r.version}
                      {r.current && <span class="pill">current</span>}
                    </td>
                    {changes && <td>{r.change}</td>}
                    <td>{r.by}</td>
                    <td>{formatDateTime(r.at)}</td>
                    {onLoad && (
                      <td>
                        {!r.current && (
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
          );
        }}
      </Loaded>
    </details>
  );
}
