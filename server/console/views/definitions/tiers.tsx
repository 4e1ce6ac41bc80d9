// Seat tiers (by active users) and tenure tiers (by months as a customer), and the measures behind
// deployment, utilization, activity and contact recency. Previews show how accounts would move.
import type { Measures, MeasuresInput, Tiers, TiersInput } from '../../api.ts';
import { withoutVersion } from '../../draft.ts';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { DefinitionEditor } from './editor.tsx';
import { EditButton, FieldError, NumberField, SelectField, TextField } from './fields.tsx';
import { type Edit, useDraft } from './use-draft.ts';

/** "21+", "11–20": the band each tier covers, given the tiers are listed from the highest minimum down. */
export function seatBands(seat: readonly { name: string; min: number }[]): string[] {
  return seat.map((t, i) => (i === 0 ? `${formatNumber(t.min)}+` : `${formatNumber(t.min)}–${formatNumber(seat[i - 1]!.min - 1)}`));
}
/** "0–3 months", "12+ months", for tiers listed from the newest up. */
export function tenureBands(tenure: readonly { name: string; minMonths: number }[]): string[] {
  return tenure.map((t, i) => (i === tenure.length - 1 ? `${formatNumber(t.minMonths)}+ months` : `${formatNumber(t.minMonths)}–${formatNumber(tenure[i + 1]!.minMonths - 1)} months`));
}

function TiersForm({ draft, edit }: { draft: TiersInput; edit: Edit }) {
  const seat = seatBands(draft.seat);
  const tenure = tenureBands(draft.tenure);
  return (
    <div class="grid two">
      <fieldset class="row-group">
        <legend>Seat tiers (active users in 30 days), highest first</legend>
        {draft.seat.map((t, i) => (
          <div key={i} class="fields band">
            <TextField label="Name" path={['seat', i, 'name']} value={t.name} onChange={(v) => edit(['seat', i, 'name'], v)} />
            <NumberField label="From (users)" path={['seat', i, 'min']} value={t.min} min={0} onChange={(v) => edit(['seat', i, 'min'], v)} hint={seat[i]} />
            <EditButton label={`Remove seat tier ${t.name}`} disabled={draft.seat.length === 1} onClick={() => edit(['seat'], draft.seat.filter((_, k) => k !== i))}>
              Remove
            </EditButton>
          </div>
        ))}
        <FieldError path={['seat']} />
        <EditButton onClick={() => edit(['seat'], [...draft.seat, { name: '', min: Math.max(0, (draft.seat.at(-1)?.min ?? 1) - 1) }])}>Add a seat tier</EditButton>
      </fieldset>
      <fieldset class="row-group">
        <legend>Tenure tiers (months since contract start), newest first</legend>
        {draft.tenure.map((t, i) => (
          <div key={i} class="fields band">
            <TextField label="Name" path={['tenure', i, 'name']} value={t.name} onChange={(v) => edit(['tenure', i, 'name'], v)} />
            <NumberField label="From (months)" path={['tenure', i, 'minMonths']} value={t.minMonths} min={0} onChange={(v) => edit(['tenure', i, 'minMonths'], v)} hint={tenure[i]} />
            <EditButton label={`Remove tenure tier ${t.name}`} disabled={draft.tenure.length === 1} onClick={() => edit(['tenure'], draft.tenure.filter((_, k) => k !== i))}>
              Remove
            </EditButton>
          </div>
        ))}
        <FieldError path={['tenure']} />
        <EditButton onClick={() => edit(['tenure'], [...draft.tenure, { name: '', minMonths: (draft.tenure.at(-1)?.minMonths ?? 0) + 4 }])}>Add a tenure tier</EditButton>
      </fieldset>
    </div>
  );
}

type Utilization = MeasuresInput['utilization'];
const utilizationOf = (type: Utilization['type']): Utilization => (type === 'key_features' ? { type, withinDays: 30 } : { type, withinDays: 28, targetDaysPerWeek: 5 });

function MeasuresForm({ draft, edit }: { draft: MeasuresInput; edit: Edit }) {
  const u = draft.utilization;
  return (
    <>
      <div class="fields">
        <TextField label="Seats purchased trait" path={['seatsTrait']} value={draft.seatsTrait} onChange={(v) => edit(['seatsTrait'], v)} hint="Account trait; deployment = active users ÷ seats" />
        <TextField label="Contract start trait" path={['contractStartTrait']} value={draft.contractStartTrait} onChange={(v) => edit(['contractStartTrait'], v)} hint="Without it, tenure counts from the first event" />
      </div>
      <div class="fields">
        <NumberField label="Active when seen within (days)" path={['activeDays']} value={draft.activeDays} min={1} onChange={(v) => edit(['activeDays'], v)} />
        <NumberField label="Contact is recent within (days)" path={['contactRecentDays']} value={draft.contactRecentDays} min={1} onChange={(v) => edit(['contactRecentDays'], v)} />
        <NumberField label="Coverage period (days)" path={['coverageDays']} value={draft.coverageDays} min={1} onChange={(v) => edit(['coverageDays'], v)} />
      </div>
      <div class="fields">
        <SelectField
          label="Utilization rate"
          path={['utilization', 'type']}
          value={u.type}
          options={[
            { value: 'key_features', label: 'Share of key features used' },
            { value: 'active_days', label: 'Active days per week against a target' },
          ]}
          onChange={(t) => edit(['utilization'], utilizationOf(t))}
        />
        <NumberField label="Over the last (days)" path={['utilization', 'withinDays']} value={u.withinDays} min={1} onChange={(v) => edit(['utilization', 'withinDays'], v)} />
        {u.type === 'active_days' && <NumberField label="Target days per week" path={['utilization', 'targetDaysPerWeek']} value={u.targetDaysPerWeek} min={1} max={7} onChange={(v) => edit(['utilization', 'targetDaysPerWeek'], v)} />}
      </div>
    </>
  );
}

function TiersEditor({ current, onSaved }: { current: Tiers; onSaved: () => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<TiersInput>(() => withoutVersion(current), [current]);
  return (
    <DefinitionEditor noun="tiers" identity="tiers" draft={draft} setDraft={setDraft} save={api.tiers.save} onSaved={onSaved} preview={api.tiers.preview} previewParts={['tiers']} versions={api.tiers.versions}>
      <TiersForm draft={draft} edit={edit} />
    </DefinitionEditor>
  );
}

function MeasuresEditor({ current, onSaved }: { current: Measures; onSaved: () => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<MeasuresInput>(() => withoutVersion(current), [current]);
  return (
    <DefinitionEditor noun="measures" identity="measures" draft={draft} setDraft={setDraft} save={api.measures.save} onSaved={onSaved} preview={api.measures.preview} previewParts={['health', 'tiers']} versions={api.measures.versions}>
      <MeasuresForm draft={draft} edit={edit} />
    </DefinitionEditor>
  );
}

export function TiersScreen() {
  const api = client.value!;
  const [tiers, retryTiers] = useResource(() => api.tiers.get(), [api]);
  const [measures, retryMeasures] = useResource(() => api.measures.get(), [api]);
  return (
    <Screen title="Tiers" lead="Seat × tenure tiers place every account in a cell of the matrix on the Accounts screen.">
      <Panel title="Seat and tenure tiers" id="tiers-editor">
        <Loaded resource={tiers} retry={retryTiers}>
          {(t) => <TiersEditor current={t} onSaved={retryTiers} />}
        </Loaded>
      </Panel>
      <Panel title="Measures" id="measures-editor">
        <Loaded resource={measures} retry={retryMeasures}>
          {(m) => <MeasuresEditor current={m} onSaved={retryMeasures} />}
        </Loaded>
      </Panel>
    </Screen>
  );
}
