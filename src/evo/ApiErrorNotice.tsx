import { ActionButton } from '../ui/ActionButton.tsx';
import { Notice } from '../ui/Notice.tsx';
import { describeEvoError } from './evoApiError.ts';

/** An Evo API failure in words, with a way to try again. */
export function ApiErrorNotice({
  error,
  apiName,
  onRetry,
  retrying,
}: {
  error: unknown;
  apiName: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  const problem = describeEvoError(error, apiName);
  return (
    <Notice
      tone="error"
      title={problem.title}
      actions={
        <ActionButton className="button" onClick={onRetry} unavailable={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </ActionButton>
      }
    >
      <p className="breakable">{problem.detail}</p>
      <p>
        <strong>What to do:</strong> {problem.action}
      </p>
    </Notice>
  );
}
