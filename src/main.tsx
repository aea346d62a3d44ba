// The shared look first, so each feature's stylesheet (imported with its code) comes after it.
import './ui/theme.css';
import './app/app.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';

/**
 * Renders the app; the entry (boot.ts) says when. As a transition, so that React yields to the
 * browser while it renders: a first render with a large organisation's instances is not one
 * long task.
 */
export function renderApp(): void {
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
