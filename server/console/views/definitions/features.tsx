// Features: named capabilities of the product and how each use is detected — a tracked event, a
// click on a CSS selector or a visit to a URL pattern (no code). Key features count toward breadth.
import type { Feature, FeatureInput } from '../../api.ts';
import { withoutVersion } from '../../draft.ts';
import { client } from '../../state.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { Panel, Screen } from '../screen.tsx';
import { Loaded } from '../status.tsx';
import { DefinitionEditor } from './editor.tsx';
import { CheckboxField, SelectField, TextField } from './fields.tsx';
import { type Edit, useDraft } from './use-draft.ts';

type Rule = FeatureInput['rule'];

const RULES: { value: Rule['type']; label: string }[] = [
  { value: 'event', label: 'A tracked event' },
  { value: 'click', label: 'A click on an element (CSS selector)' },
  { value: 'url', label: 'A visit to a page (URL pattern)' },
];

export const describeRule = (rule: Rule): string =>
  rule.type === 'event' ? `event “${rule.event}”` : rule.type === 'click' ? `click on ${rule.selector}` : `visit of ${rule.pattern}`;

const ruleOf = (type: Rule['type']): Rule => (type === 'event' ? { type, event: '' } : type === 'click' ? { type, selector: '' } : { type, pattern: '/' });

const NEW_FEATURE: FeatureInput = { key: '', name: '', description: '', isKey: false, rule: { type: 'event', event: '' } };

export function FeatureForm({ draft, edit, isNew }: { draft: FeatureInput; edit: Edit; isNew: boolean }) {
  const rule = draft.rule;
  return (
    <>
      <div class="fields">
        <TextField label="Key" path={['key']} value={draft.key} readOnly={!isNew} onChange={(v) => edit(['key'], v)} hint={isNew ? 'lowercase letters, digits, - or _; cannot change later' : undefined} />
        <TextField label="Name" path={['name']} value={draft.name} onChange={(v) => edit(['name'], v)} />
      </div>
      <TextField label="Description" path={['description']} value={draft.description} onChange={(v) => edit(['description'], v)} />
      <CheckboxField label="Key feature" path={['isKey']} checked={draft.isKey} onChange={(v) => edit(['isKey'], v)} hint="Key features count toward breadth in journeys, health and utilization." />
      <div class="fields">
        <SelectField label="Counts as a use" path={['rule', 'type']} value={rule.type} options={RULES} onChange={(t) => edit(['rule'], ruleOf(t))} />
        {rule.type === 'event' && <TextField label="Event name" path={['rule', 'event']} value={rule.event} onChange={(v) => edit(['rule', 'event'], v)} placeholder="Appointment Booked" />}
        {rule.type === 'click' && <TextField label="CSS selector" path={['rule', 'selector']} value={rule.selector} onChange={(v) => edit(['rule', 'selector'], v)} placeholder='[data-action="export"]' hint="Clicks inside web components and same-origin iframes count too; to name an element inside one, name its host or iframe first: app-toolbar >>> #export" />}
        {rule.type === 'url' && <TextField label="URL pattern" path={['rule', 'pattern']} value={rule.pattern} onChange={(v) => edit(['rule', 'pattern'], v)} hint="A path; * matches anything, e.g. /reports/*" />}
      </div>
    </>
  );
}

function FeatureEditor({ feature, onSaved }: { feature: Feature | null; onSaved: (key: string) => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<FeatureInput>(() => (feature ? withoutVersion(feature) : NEW_FEATURE), [feature]);
  return (
    <DefinitionEditor
      noun={`feature “${draft.name || draft.key}”`}
      identity={feature?.key ?? '+new'}
      draft={draft}
      setDraft={setDraft}
      save={api.features.save}
      preview={api.features.preview}
      previewParts={['stages', 'health']}
      onSaved={() => onSaved(draft.key)}
      versions={feature ? () => api.features.versions(feature.key) : null}
    >
      <FeatureForm draft={draft} edit={edit} isNew={!feature} />
    </DefinitionEditor>
  );
}

export function FeaturesScreen() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.features.list(), [api]);
  const selected = route.value.query.get('key');
  const open = (key: string | null) => navigate(href(['features'], { key }));
  return (
    <Screen
      title="Features"
      lead="What your customers' success is made of. Tag features without a release: by event, click or page."
      actions={
        canEdit.value && (
          <button type="button" onClick={() => open('+new')}>
            New feature
          </button>
        )
      }
    >
      <Loaded resource={resource} retry={retry} isEmpty={(list) => list.length === 0 && selected !== '+new'} empty="No features yet. Define the first one with “New feature”.">
        {(features) => {
          const feature = features.find((f) => f.key === selected) ?? null;
          return (
            <>
              <Panel title={`${features.length} features`} id="feature-list">
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Feature</th>
                        <th scope="col">Detected by</th>
                        <th scope="col" class="num">Version</th>
                      </tr>
                    </thead>
                    <tbody>
                      {features.map((f) => (
                        <tr key={f.key} class={f.key === selected ? 'selected' : undefined}>
                          <th scope="row">
                            <a href={href(['features'], { key: f.key })} aria-current={f.key === selected ? 'true' : undefined}>
                              {f.name}
                            </a>{' '}
                            {f.isKey && <span class="pill">key</span>}
                            <div class="muted small">{f.key}</div>
                          </th>
                          <td>{describeRule(f.rule)}</td>
                          <td class="num">{f.version}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Panel>
              {(feature || selected === '+new') && (
                <Panel title={feature ? `Edit ${feature.name}` : 'New feature'} id="feature-editor">
                  <FeatureEditor
                    feature={feature}
                    onSaved={(key) => {
                      retry();
                      open(key);
                    }}
                  />
                </Panel>
              )}
            </>
          );
        }}
      </Loaded>
    </Screen>
  );
}
