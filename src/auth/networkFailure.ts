/** Whether a fetch failed for want of an answer (each browser words it its own way), not a refusal. */
export function isNetworkFailure(message: string): boolean {
  return (
    message === 'Failed to fetch' ||
    message.startsWith('NetworkError') ||
    message.includes('Load failed') ||
    message.includes('Network timed out')
  );
}
