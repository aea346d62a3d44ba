import type { ButtonHTMLAttributes } from 'react';

interface ActionButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  /** Not pressable now (a call is running, or there is nowhere to go): said, not done. */
  unavailable?: boolean;
}

/**
 * A button that stays focusable while it cannot be pressed. A `disabled` button drops the focus
 * to the page's body the moment it is pressed (Call again, Next page); this one keeps it, says
 * `aria-disabled`, and ignores presses until it is available again.
 */
export function ActionButton({
  unavailable = false,
  onClick,
  className = 'button button-small',
  type = 'button',
  ...rest
}: ActionButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={className}
      aria-disabled={unavailable || undefined}
      onClick={(event) => {
        if (unavailable) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    />
  );
}
