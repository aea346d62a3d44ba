import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'error' | 'warning' | 'info' | 'success';
  title: string;
  children?: ReactNode;
  /** Buttons that lead on from here. */
  actions?: ReactNode;
}

/** A message box: errors are announced to screen readers at once, the rest politely. */
export function Notice({ tone, title, children, actions }: NoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="notice-title">{title}</p>
      {children}
      {actions ? <div className="notice-actions">{actions}</div> : null}
    </div>
  );
}
