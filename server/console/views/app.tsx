// The signed-in console: header, sections, and the screen the URL names.
import { useEffect, useRef } from 'preact/hooks';
import { hasPassword, session, sessionChecked, signedOutReason, signOut } from '../state.ts';
import { notice } from '../state/notice.ts';
import { role } from '../state/role.ts';
import { route, screen } from '../state/route.ts';
import { AccountScreen } from './account/account.tsx';
import { UserScreen } from './account/user.tsx';
import { AccountsScreen } from './accounts/accounts.tsx';
import { UsersScreen } from './users/find-users.tsx';
import { AlertsScreen } from './alerts/alerts.tsx';
import { CampaignsScreen } from './campaigns/campaigns.tsx';
import { CertificationsScreen } from './definitions/certifications.tsx';
import { FeaturesScreen } from './definitions/features.tsx';
import { HealthScreen } from './definitions/health.tsx';
import { JourneysScreen } from './definitions/journeys.tsx';
import { TiersScreen } from './definitions/tiers.tsx';
import { Nav } from './nav.tsx';
import { OverviewScreen } from './overview/overview.tsx';
import { PasswordScreen } from './password.tsx';
import { SettingsScreen } from './settings/settings.tsx';
import { Loading } from './status.tsx';
import { LoginForm } from './login-form.tsx';

function CurrentScreen() {
  const [, id] = route.value.path;
  switch (screen.value) {
    case 'overview':
      return <OverviewScreen />;
    case 'accounts':
      return id ? <AccountScreen id={id} /> : <AccountsScreen />;
    case 'users':
      return id ? <UserScreen id={id} /> : <UsersScreen />;
    case 'campaigns':
      return <CampaignsScreen />;
    case 'features':
      return <FeaturesScreen />;
    case 'journeys':
      return <JourneysScreen />;
    case 'health':
      return <HealthScreen />;
    case 'tiers':
      return <TiersScreen />;
    case 'certifications':
      return <CertificationsScreen />;
    case 'alerts':
      return <AlertsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'password':
      return <PasswordScreen />;
    default:
      return (
        <div class="panel">
          <h1 id="screen-title" tabIndex={-1}>
            Page not found
          </h1>
          <p>
            Nothing lives at this address. <a href="#/overview">Go to the overview</a>.
          </p>
        </div>
      );
  }
}

function Shell() {
  const info = session.value!;
  const path = route.value.path.join('/');
  const first = useRef(true);
  useEffect(() => {
    // Moving to another screen moves focus to its heading, as a page load would.
    if (first.current) first.current = false;
    else document.getElementById('screen-title')?.focus();
  }, [path]);
  const skip = (event: Event) => {
    // The hash is the router's: focus the content without navigating.
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={skip}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/overview">
          Uptake
        </a>
        <span class="workspace" title="Workspace">
          {info.workspace.name}
        </span>
        <span class="who">
          {info.user.email} <span class="pill">{role.value}</span>
        </span>
        {hasPassword.value && (
          <a href="#/password" class="small">
            Change password
          </a>
        )}
        <button type="button" class="secondary small" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <Nav />
      <main id="main" tabIndex={-1}>
        <CurrentScreen />
      </main>
      <div class="notice" role="status" aria-live="polite">
        {notice.value}
      </div>
    </div>
  );
}

export function App() {
  if (!sessionChecked.value) return <Loading label="Opening the console…" />;
  if (!session.value) {
    return (
      <>
        {signedOutReason.value && (
          <p class="error-note signed-out" role="alert">
            {signedOutReason.value}
          </p>
        )}
        <LoginForm />
      </>
    );
  }
  return <Shell />;
}
