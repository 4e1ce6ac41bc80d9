// Settings: install snippet, workspace settings, keys, console users, and tracking as it arrives.
import { Screen } from '../screen.tsx';
import { ConsoleUsers } from './console-users.tsx';
import { Install } from './install.tsx';
import { Keys } from './keys.tsx';
import { RecentEvents, RefusedEvents } from './tracking.tsx';
import { WorkspaceSettings } from './workspace-settings.tsx';

export function SettingsScreen() {
  return (
    <Screen title="Settings">
      <Install />
      <WorkspaceSettings />
      <Keys />
      <ConsoleUsers />
      <RecentEvents />
      <RefusedEvents />
    </Screen>
  );
}
