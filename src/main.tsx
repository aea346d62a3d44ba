// The shared look first, so each feature's stylesheet (imported with its code) comes after it.
import './ui/theme.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';

/** Renders the app; the entry (boot.ts) says when. */
export function renderApp(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
