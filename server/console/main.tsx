// Console entry: check for a session, then render the app.
import { render } from 'preact';
import { restoreSession } from './state.ts';
import { App } from './views/app.tsx';

render(<App />, document.getElementById('app')!);
void restoreSession();
