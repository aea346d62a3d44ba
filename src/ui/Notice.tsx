import type { ReactNode } from 'react';
import { useFocusOnShow } from './useFocusOnShow.ts';

interface NoticeProps {
  tone: 'error' | 'warning' | 'info' | 'success';
  title: string;
  children?: ReactNode;
  /** Buttons that lead on from here. */
  actions?: ReactNode;
  /** Take focus when shown: for the answer to something the person just pressed. */
  focus?: boolean;
}

/** A message box: errors are announced to screen readers at once, the rest politely. */
export function Notice({ tone, title, children, actions, focus = false }: NoticeProps) {
  const ref = useFocusOnShow<HTMLDivElement>(focus);
  return (
    <div
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      className={`notice notice-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <p className="notice-title">{title}</p>
      {children}
      {actions ? <div className="notice-actions">{actions}</div> : null}
    </div>
  );
}
