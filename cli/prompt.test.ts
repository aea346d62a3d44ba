import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptSecret } from './prompt.ts';

describe('the hidden secret prompt', () => {
  it('reads the secret without echoing it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const asked = promptSecret({ input, output });
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write('s3cret-value\r');
    expect(await asked).toBe('s3cret-value');
    expect(shown).toContain('Client secret');
    expect(shown).not.toContain('s3cret');
  });
});
