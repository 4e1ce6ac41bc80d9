// Alerts & webhooks: the feed CS works through, the rules that raise alerts, and where they are sent.
import { Screen } from '../screen.tsx';
import { AlertFeed } from './feed.tsx';
import { AlertRules } from './rules.tsx';
import { Webhooks } from './webhooks.tsx';

export function AlertsScreen() {
  return (
    <Screen title="Alerts & webhooks" lead="When a metric crosses a threshold, the system tells CS: nobody has to go looking.">
      <AlertFeed />
      <div class="grid two">
        <AlertRules />
        <Webhooks />
      </div>
    </Screen>
  );
}
