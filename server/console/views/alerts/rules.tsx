// Alert rules: when a metric crosses a threshold, raise an alert (and send it to webhooks).
import type { AlertRule, AlertRuleInput } from '../../api.ts';
import { withoutVersion } from '../../draft.ts';
import { formatPercent } from '../../format.ts';
import { client } from '../../state.ts';
import { canEdit } from '../../state/role.ts';
import { href, navigate, route } from '../../state/route.ts';
import { useResource } from '../../use-resource.ts';
import { DefinitionEditor } from '../definitions/editor.tsx';
import { CheckboxField, NumberField, SelectField, TextField } from '../definitions/fields.tsx';
import { type Edit, useDraft } from '../definitions/use-draft.ts';
import { Panel } from '../screen.tsx';
import { Loaded } from '../status.tsx';

type Condition = AlertRuleInput['condition'];

const CONDITIONS: { value: Condition['type']; label: string }[] = [
  { value: 'health_red', label: 'Health turns red' },
  { value: 'stage_regressed', label: 'Journey stage goes back' },
  { value: 'key_feature_unused', label: 'A key feature unused for days' },
  { value: 'deployment_below', label: 'Deployment rate below' },
  { value: 'no_touch', label: 'No CS touch for days' },
  { value: 'low_score', label: 'A user gives a low survey score' },
  { value: 'anchor_failing', label: 'A message cannot find its anchor' },
];

export function conditionOf(type: Condition['type']): Condition {
  switch (type) {
    case 'key_feature_unused':
      return { type, days: 14 };
    case 'deployment_below':
      return { type, rate: 0.3 };
    case 'no_touch':
      return { type, days: 60 };
    case 'anchor_failing':
      return { type, count: 5, withinHours: 24, pause: false };
    case 'low_score':
      return { type, maxScore: 6, withinDays: 30 };
    default:
      return { type };
  }
}

export function describeCondition(c: Condition): string {
  switch (c.type) {
    case 'health_red':
      return 'health turns red';
    case 'stage_regressed':
      return 'journey stage goes back';
    case 'key_feature_unused':
      return `a key feature unused for ${c.days} days`;
    case 'deployment_below':
      return `deployment below ${formatPercent(c.rate)}`;
    case 'no_touch':
      return `no CS touch for ${c.days} days`;
    case 'anchor_failing':
      return `anchor missing ${c.count}+ times in ${c.withinHours} h${c.pause ? ', then pause the campaign' : ''}`;
    case 'low_score':
      return `a user scores ${c.maxScore} or less out of 10 (within ${c.withinDays} days)`;
  }
}

const NEW_RULE: AlertRuleInput = { key: '', name: '', enabled: true, condition: { type: 'health_red' } };

function RuleForm({ draft, edit, isNew }: { draft: AlertRuleInput; edit: Edit; isNew: boolean }) {
  const c = draft.condition;
  return (
    <>
      <div class="fields">
        <TextField label="Key" path={['key']} value={draft.key} readOnly={!isNew} onChange={(v) => edit(['key'], v)} />
        <TextField label="Name" path={['name']} value={draft.name} onChange={(v) => edit(['name'], v)} />
      </div>
      <div class="fields">
        <SelectField label="Raise an alert when" path={['condition', 'type']} value={c.type} options={CONDITIONS} onChange={(t) => edit(['condition'], conditionOf(t))} />
        {(c.type === 'key_feature_unused' || c.type === 'no_touch') && <NumberField label="Days" path={['condition', 'days']} value={c.days} min={1} onChange={(v) => edit(['condition', 'days'], v)} />}
        {c.type === 'deployment_below' && (
          <NumberField label="Rate (0–1)" path={['condition', 'rate']} value={c.rate} min={0} max={1} step={0.01} onChange={(v) => edit(['condition', 'rate'], v)} hint={formatPercent(c.rate)} />
        )}
        {c.type === 'low_score' && (
          <>
            <NumberField label="Score at most (0–9)" path={['condition', 'maxScore']} value={c.maxScore} min={0} max={9} onChange={(v) => edit(['condition', 'maxScore'], v)} hint="6 or less: an NPS detractor" />
            <NumberField label="Answered within (days)" path={['condition', 'withinDays']} value={c.withinDays} min={1} max={90} onChange={(v) => edit(['condition', 'withinDays'], v)} />
          </>
        )}
        {c.type === 'anchor_failing' && (
          <>
            <NumberField label="Misses" path={['condition', 'count']} value={c.count} min={1} onChange={(v) => edit(['condition', 'count'], v)} />
            <NumberField label="Within (hours)" path={['condition', 'withinHours']} value={c.withinHours} min={1} onChange={(v) => edit(['condition', 'withinHours'], v)} />
          </>
        )}
      </div>
      {c.type === 'anchor_failing' && (
        <CheckboxField
          label="Also pause the campaign"
          path={['condition', 'pause']}
          checked={c.pause}
          onChange={(v) => edit(['condition', 'pause'], v)}
          hint="so nobody else meets a message pointing at nothing; fix the selector and publish it again"
        />
      )}
      <CheckboxField label="Enabled" path={['enabled']} checked={draft.enabled} onChange={(v) => edit(['enabled'], v)} />
    </>
  );
}

function RuleEditor({ rule, onSaved }: { rule: AlertRule | null; onSaved: (key: string) => void }) {
  const api = client.value!;
  const [draft, setDraft, edit] = useDraft<AlertRuleInput>(() => (rule ? withoutVersion(rule) : NEW_RULE), [rule]);
  return (
    <DefinitionEditor
      noun={`alert rule “${draft.name || draft.key}”`}
      identity={rule?.key ?? '+new'}
      draft={draft}
      setDraft={setDraft}
      save={api.alertRules.save}
      preview={api.alertRules.preview}
      previewParts={['alerts']}
      onSaved={() => onSaved(draft.key)}
      versions={rule ? () => api.alertRules.versions(rule.key) : null}
    >
      <RuleForm draft={draft} edit={edit} isNew={!rule} />
    </DefinitionEditor>
  );
}

export function AlertRules() {
  const api = client.value!;
  const [resource, retry] = useResource(() => api.alertRules.list(), [api]);
  const selected = route.value.query.get('rule');
  const open = (rule: string | null) => navigate(href(['alerts'], { status: route.value.query.get('status'), rule }));
  return (
    <Panel
      title="Alert rules"
      id="alert-rules"
      actions={
        canEdit.value && (
          <button type="button" class="secondary small" onClick={() => open('+new')}>
            New rule
          </button>
        )
      }
    >
      <Loaded resource={resource} retry={retry} isEmpty={(rules) => rules.length === 0 && selected !== '+new'} empty="No alert rules: nothing will be pushed to CS.">
        {(rules) => {
          const rule = rules.find((r) => r.key === selected) ?? null;
          return (
            <>
              <ul class="rules-list">
                {rules.map((r) => (
                  <li key={r.key} class={r.key === selected ? 'selected' : undefined}>
                    <a href={href(['alerts'], { rule: r.key })} aria-current={r.key === selected ? 'true' : undefined}>
                      {r.name}
                    </a>{' '}
                    <span class="muted small">{describeCondition(r.condition)}</span> {!r.enabled && <span class="pill">off</span>}
                  </li>
                ))}
              </ul>
              {(rule || selected === '+new') && (
                <div class="subpanel">
                  <h3>{rule ? `Edit ${rule.name}` : 'New alert rule'}</h3>
                  <RuleEditor
                    rule={rule}
                    onSaved={(key) => {
                      retry();
                      open(key);
                    }}
                  />
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}
