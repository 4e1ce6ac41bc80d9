// The frame every definition editor shares: the form, "Preview effect" (asks the server what
// would change, saves nothing), "Save as a new version", the server's refusal beside the form and
// next to the field it names, and the version history.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, asApiFailure, type Preview } from '../../api.ts';
import { withoutVersion } from '../../draft.ts';
import { announce } from '../../state/notice.ts';
import { canEdit } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { FailureContext } from './fields.tsx';
import { type PreviewPart, PreviewResult } from './preview-result.tsx';
import { VersionHistory } from '../version-history.tsx';

/** What every saved definition carries. */
export interface VersionInfo {
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface EditorProps<T> {
  /** What is edited, e.g. "health score"; used in messages. */
  noun: string;
  draft: T;
  /** Replaces the draft, e.g. with an older version. */
  setDraft: (draft: T) => void;
  save: (draft: T) => Promise<VersionInfo>;
  onSaved?: (saved: VersionInfo) => void;
  preview?: (draft: T) => Promise<Preview>;
  previewParts?: readonly PreviewPart[];
  previewJourney?: string;
  /** The edited journey's stages, to list preview counts in stage order. */
  previewStages?: readonly { key: string; name: string }[];
  /** Null for something not saved yet (no history). */
  versions: (() => Promise<(T & VersionInfo)[]>) | null;
  /** Changes when another definition is opened, to forget the last preview and error. */
  identity: string;
  children: ComponentChildren;
}

export function DefinitionEditor<T>(props: EditorProps<T>) {
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [versions, retryVersions] = useResource(() => props.versions?.() ?? Promise.resolve([]), [props.identity]);
  useEffect(() => {
    setFailure(null);
    setPreview(null);
  }, [props.identity]);

  const run = async (kind: 'preview' | 'save') => {
    setBusy(kind);
    setFailure(null);
    try {
      if (kind === 'preview') {
        setPreview(await props.preview!(props.draft));
      } else {
        const saved = await props.save(props.draft);
        setPreview(null);
        announce(`Saved ${props.noun} as version ${saved.version}`);
        retryVersions();
        props.onSaved?.(saved);
      }
    } catch (error) {
      setFailure(asApiFailure(error));
    } finally {
      setBusy(null);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void run('save');
  };

  return (
    <FailureContext.Provider value={failure}>
      <form class="editor" onSubmit={submit} noValidate>
        {failure && (
          <p class="error-note" role="alert">
            {failure.status === 403 ? 'Your role cannot change this. ' : ''}
            {failure.message}
          </p>
        )}
        {props.children}
        {canEdit.value && (
          <div class="actions editor-actions">
            {props.preview && (
              <button type="button" class="secondary" disabled={busy !== null} onClick={() => run('preview')}>
                {busy === 'preview' ? 'Previewing…' : 'Preview effect'}
              </button>
            )}
            <button type="submit" disabled={busy !== null}>
              {busy === 'save' ? 'Saving…' : 'Save as a new version'}
            </button>
          </div>
        )}
      </form>
      {preview && <PreviewResult preview={preview} parts={props.previewParts ?? ['health', 'stages', 'tiers']} {...(props.previewJourney ? { journey: props.previewJourney } : {})} {...(props.previewStages ? { stages: props.previewStages } : {})} />}
      {props.versions && (
        <VersionHistory
          versions={versions}
          retry={retryVersions}
          row={(v, newest) => ({ version: v.version, by: v.updatedBy, at: v.updatedAt, current: newest })}
          onLoad={canEdit.value ? (v) => props.setDraft(withoutVersion(v as never) as T) : null}
          empty="Not saved yet: the built-in definition is in force."
        />
      )}
    </FailureContext.Provider>
  );
}
