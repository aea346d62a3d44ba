import { Component, type ErrorInfo, type ReactNode } from 'react';
import { redactSecrets } from './redact.ts';

interface ErrorBoundaryProps {
  /** What this boundary holds, for the words shown: "token claims", "page". */
  what: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
}

/**
 * Keeps a crash inside one part of the page: that part says what failed and offers a way on
 * (try it again, reload), and everything around it keeps working. Never a blank page.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error ?? new Error('unknown') };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The name only: a message may quote what the part was showing, a token included.
    console.error(`The ${this.props.what} failed:`, error instanceof Error ? error.name : typeof error, info.componentStack?.split('\n')[1]?.trim());
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    const message = this.state.error instanceof Error ? redactSecrets(this.state.error.message) : '';
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">The {this.props.what} could not be shown</p>
        <p>
          Something in it failed{message ? `: ${message}` : ''}. The rest of the page still works. Try this part again,
          or reload the page (your settings are kept).
        </p>
        <div className="notice-actions">
          <button type="button" className="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
