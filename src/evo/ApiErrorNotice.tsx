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
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </button>
      }
    >
      <p>{problem.detail}</p>
      <p>
        <strong>What to do:</strong> {problem.action}
      </p>
    </Notice>
  );
}
