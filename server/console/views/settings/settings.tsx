// Settings: install snippet, workspace settings, keys and console users.
import { Screen } from '../screen.tsx';
import { ConsoleUsers } from './console-users.tsx';
import { Install, RecentEvents } from './install.tsx';
import { Keys } from './keys.tsx';
import { WorkspaceSettings } from './workspace-settings.tsx';

export function SettingsScreen() {
  return (
    <Screen title="Settings">
      <Install />
      <WorkspaceSettings />
      <Keys />
      <ConsoleUsers />
      <RecentEvents />
    </Screen>
  );
}
