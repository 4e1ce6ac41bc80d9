// successful customers = customers × onboarding rate × adoption rate, overall and per journey segment.
import type { Overview } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { Panel } from '../screen.tsx';

type Equation = Overview['successEquation'];

function Term({ value, label }: { value: string; label: string }) {
  return (
    <div class="term">
      <strong>{value}</strong>
      <span>{label}</span>
    </div>
  );
}

export function EquationLine({ equation }: { equation: Equation }) {
  return (
    <div class="equation" role="group" aria-label="Success equation">
      <Term value={formatNumber(equation.customers)} label="customers" />
      <span class="op" aria-hidden="true">×</span>
      <Term value={formatPercent(equation.onboardingRate)} label="onboarding rate" />
      <span class="op" aria-hidden="true">×</span>
      <Term value={formatPercent(equation.adoptionRate)} label="adoption rate" />
      <span class="op" aria-hidden="true">=</span>
      <Term value={formatNumber(equation.successfulCustomers)} label="successful customers" />
    </div>
  );
}

export function SuccessEquation({ overview }: { overview: Overview }) {
  return (
    <Panel title="Success equation">
      <EquationLine equation={overview.successEquation} />
      <p class="muted small">
        Onboarding rate: share of customers past the “wow moment” stage of their journey. Adoption rate: share of those onboarded who made the product part of daily work.
      </p>
      {overview.segments.length > 1 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Success equation per journey segment</caption>
            <thead>
              <tr>
                <th scope="col">Journey (segment)</th>
                <th scope="col" class="num">Customers</th>
                <th scope="col" class="num">Onboarding</th>
                <th scope="col" class="num">Adoption</th>
                <th scope="col" class="num">Successful</th>
              </tr>
            </thead>
            <tbody>
              {overview.segments.map((s) => (
                <tr key={s.journey}>
                  <th scope="row">
                    <a href={`#/accounts?journey=${encodeURIComponent(s.journey)}`}>{s.name}</a>
                    <div class="muted small">{s.segment ? `${s.segment.trait} = ${s.segment.values.join(', ')}` : 'all other accounts'}</div>
                  </th>
                  <td class="num">{formatNumber(s.successEquation.customers)}</td>
                  <td class="num">{formatPercent(s.successEquation.onboardingRate)}</td>
                  <td class="num">{formatPercent(s.successEquation.adoptionRate)}</td>
                  <td class="num">{formatNumber(s.successEquation.successfulCustomers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
