// The audience builder: groups of conditions ("all of", "any of", "none of"), nested up to three
// deep, with a live estimate of how many users and accounts match right now.
import { useEffect, useState } from 'preact/hooks';
import type { AudienceRule, ReachEstimate } from '../../api.ts';
import type { Condition } from '../../../protocol/audience.ts';
import type { Path } from '../../draft.ts';
import { formatNumber } from '../../format.ts';
import { client } from '../../state.ts';
import { EditButton, SelectField } from '../definitions/fields.tsx';
import type { Edit } from '../definitions/use-draft.ts';
import { ConditionFields, conditionOf, SUBJECTS, subjectOf } from './condition-fields.tsx';
import type { Vocabulary } from './vocabulary.ts';

type Mode = 'all' | 'any' | 'none';
const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'all', label: 'all of these' },
  { value: 'any', label: 'any of these' },
  { value: 'none', label: 'none of these' },
];
const MAX_DEPTH = 3;

function modeOf(rule: AudienceRule): Mode {
  return 'all' in rule ? 'all' : 'any' in rule ? 'any' : 'none';
}

function childrenOf(rule: AudienceRule): AudienceRule[] {
  if ('all' in rule) return rule.all;
  if ('any' in rule) return rule.any;
  if ('not' in rule && 'any' in rule.not) return rule.not.any;
  return [];
}

const groupOf = (mode: Mode, children: AudienceRule[]): AudienceRule => (mode === 'all' ? { all: children } : mode === 'any' ? { any: children } : { not: { any: children } });
const isCondition = (rule: AudienceRule): rule is Condition => !('all' in rule || 'any' in rule || 'not' in rule);

function Group({ rule, path, edit, vocabulary, depth, onRemove }: { rule: AudienceRule; path: Path; edit: Edit; vocabulary: Vocabulary; depth: number; onRemove?: () => void }) {
  const mode = modeOf(rule);
  const children = childrenOf(rule);
  const childPath = mode === 'none' ? [...path, 'not', 'any'] : [...path, mode];
  const setChildren = (next: AudienceRule[]) => edit(path, groupOf(mode, next));
  const remove = (i: number) => setChildren(children.filter((_, k) => k !== i));
  return (
    <fieldset class={`row-group audience-group depth-${depth}`}>
      <legend>{depth === 0 ? 'Who sees it' : 'Group'}</legend>
      <SelectField label={depth === 0 ? 'Users who match' : 'Matches'} path={path} value={mode} options={MODES} onChange={(m) => edit(path, groupOf(m, children))} />
      {children.length === 0 && <p class="muted small">{depth === 0 ? 'No conditions: everyone.' : 'An empty group.'}</p>}
      <ol class="conditions">
        {children.map((child, i) =>
          isCondition(child) ? (
            <li class="condition" key={i}>
              <SelectField label="Condition on" path={[...childPath, i, 'type']} value={subjectOf(child)} options={SUBJECTS} onChange={(s) => edit([...childPath, i], conditionOf(s, vocabulary))} />
              <ConditionFields condition={child} path={[...childPath, i]} edit={edit} vocabulary={vocabulary} />
              <EditButton label={`Remove condition ${i + 1}`} onClick={() => remove(i)}>
                ×
              </EditButton>
            </li>
          ) : (
            <li key={i}>
              <Group rule={child} path={[...childPath, i]} edit={edit} vocabulary={vocabulary} depth={depth + 1} onRemove={() => remove(i)} />
            </li>
          ),
        )}
      </ol>
      <div class="actions">
        <EditButton onClick={() => setChildren([...children, conditionOf('account_feature', vocabulary)])}>Add a condition</EditButton>
        {depth + 1 < MAX_DEPTH && <EditButton onClick={() => setChildren([...children, { any: [] }])}>Add a group</EditButton>}
        {onRemove && <EditButton onClick={onRemove}>Remove group</EditButton>}
      </div>
    </fieldset>
  );
}

const count = (n: number, noun: string) => `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;

type Estimate = { status: 'waiting' } | { status: 'ready'; reach: ReachEstimate } | { status: 'error'; message: string };

/** How many users and accounts match the audience now, asked for once typing pauses. */
export function ReachEstimateNote({ audience, delayMs = 400 }: { audience: AudienceRule; delayMs?: number }) {
  const [estimate, setEstimate] = useState<Estimate>({ status: 'waiting' });
  const key = JSON.stringify(audience);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      client.value!.estimateAudience(audience).then(
        (reach) => current && setEstimate({ status: 'ready', reach }),
        (error: Error) => current && setEstimate({ status: 'error', message: error.message }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return (
    <p class="reach" role="status" aria-live="polite">
      {estimate.status === 'waiting' && <span class="muted">Estimating reach…</span>}
      {estimate.status === 'error' && <span class="bad">No estimate: {estimate.message}</span>}
      {estimate.status === 'ready' && (
        <>
          <strong class="reach-users">{count(estimate.reach.users, 'user')}</strong> in <strong class="reach-accounts">{count(estimate.reach.accounts, 'account')}</strong> match now{' '}
          <span class="muted">
            (of {formatNumber(estimate.reach.totalUsers)} users, {formatNumber(estimate.reach.totalAccounts)} accounts)
            {estimate.reach.pageViewConditions && '; page, device and language are checked on each page view'}
          </span>
        </>
      )}
    </p>
  );
}

export function AudienceBuilder({ audience, edit, vocabulary }: { audience: AudienceRule; edit: Edit; vocabulary: Vocabulary }) {
  return (
    <div class="audience">
      <ReachEstimateNote audience={audience} />
      <Group rule={audience} path={['audience']} edit={edit} vocabulary={vocabulary} depth={0} />
    </div>
  );
}
