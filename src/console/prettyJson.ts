/** A body as it is shown: JSON indented by two, anything else as it came. */
export function prettyJson(body: string | undefined): string | undefined {
  if (body === undefined || body === '') return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
