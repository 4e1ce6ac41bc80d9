// Identity verification, the global holdout and throttle, and privacy (GPC, event retention). Admins change them.
import { useState } from 'preact/hooks';
import { ApiFailure, asApiFailure, type Settings } from '../../api.ts';
import { client } from '../../state.ts';
import { announce } from '../../state/notice.ts';
import { canAdmin } from '../../state/role.ts';
import { useResource } from '../../use-resource.ts';
import { CheckboxField, FailureContext, NumberField, ReadOnlyContext, SelectField, TextField } from '../definitions/fields.tsx';
import { useDraft } from '../definitions/use-draft.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';

const MODES: { value: Settings['identityVerification']; label: string }[] = [
  { value: 'off', label: 'Off: accept any user id' },
  { value: 'report', label: 'Report: accept, but count unverified events' },
  { value: 'enforce', label: 'Enforce: reject events without a valid token' },
];

function SettingsForm({ current, onSaved }: { current: Settings; onSaved: () => void }) {
  const [draft, , edit] = useDraft<Settings>(() => current, [current]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      // Secrets the form did not change go back masked (…abcd); the server keeps those as they are.
      await client.value!.saveSettings({ ...draft, verificationSecrets: draft.verificationSecrets.filter(Boolean) });
      announce('Settings saved');
      onSaved();
    } catch (error) {
      setFailure(asApiFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const secrets = draft.verificationSecrets;
  return (
    <FailureContext.Provider value={failure}>
      <ReadOnlyContext.Provider value={!canAdmin.value}>
        <form class="editor" onSubmit={submit} noValidate>
          {failure && (
            <p class="error-note" role="alert">
              {failure.message}
            </p>
          )}
          {!canAdmin.value && <p class="hint">Only admins change workspace settings.</p>}
          <fieldset class="row-group">
            <legend>Identity verification</legend>
            <SelectField label="Mode" path={['identityVerification']} value={draft.identityVerification} options={MODES} onChange={(v) => edit(['identityVerification'], v)} />
            <p class="hint">Your backend signs an HS256 token with one of these secrets for each signed-in user. Two secrets allow rotation.</p>
            <div class="fields">
            {[0, 1].map((i) => (
              <TextField
                key={i}
                label={`Secret ${i + 1}`}
                path={['verificationSecrets', i]}
                value={secrets[i] ?? ''}
                placeholder={i === 0 ? 'at least 32 characters' : 'optional second secret'}
                onChange={(v) => edit(['verificationSecrets', i], v)}
              />
            ))}
            </div>
          </fieldset>
          <fieldset class="row-group">
            <legend>Guidance across all campaigns</legend>
            <div class="fields">
              <NumberField label="Global holdout (%)" path={['globalHoldoutPercent']} value={draft.globalHoldoutPercent} min={0} max={50} onChange={(v) => edit(['globalHoldoutPercent'], v ?? 0)} hint="Users kept from every campaign, to measure the lift of guidance as a whole." />
              <NumberField label="Global throttle (hours)" path={['throttleHours']} value={draft.throttleHours} min={0} onChange={(v) => edit(['throttleHours'], v ?? 0)} hint="At most one interrupting message per user per this many hours; 0 = no throttle." />
            </div>
          </fieldset>
          <fieldset class="row-group">
            <legend>Privacy</legend>
            <CheckboxField label="Honor Global Privacy Control" path={['honorGlobalPrivacyControl']} checked={draft.honorGlobalPrivacyControl} onChange={(v) => edit(['honorGlobalPrivacyControl'], v)} hint="Browsers that send GPC are not tracked." />
            <div class="fields">
              <NumberField
                label="Keep raw events (days)"
                path={['eventRetentionDays']}
                value={draft.eventRetentionDays ?? undefined}
                min={30}
                max={3650}
                step={1}
                onChange={(v) => edit(['eventRetentionDays'], v ?? null)}
                hint="Empty keeps them. Older events are deleted once a day; journeys, health and certification live on in daily counters."
              />
            </div>
          </fieldset>
          {canAdmin.value && (
            <div class="actions editor-actions">
              <button type="submit" disabled={busy}>
                {busy ? 'Saving…' : 'Save settings'}
              </button>
            </div>
          )}
        </form>
      </ReadOnlyContext.Provider>
    </FailureContext.Provider>
  );
}

export function WorkspaceSettings() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.settings(), [api]);
  return (
    <Panel title="Workspace settings" id="workspace-settings">
      <Loaded resource={resource} retry={retry}>
        {(settings) => <SettingsForm current={settings} onSaved={retry} />}
      </Loaded>
    </Panel>
  );
}
