import { describe, expect, it } from 'vitest';
import { peekBytes } from './peek.js';

/** tracked is a source that records whether it was closed. */
function tracked(chunks: string[]): { source: AsyncGenerator<Uint8Array>; closed: () => boolean } {
  let closed = false;
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      for (const c of chunks) yield Buffer.from(c);
    } finally {
      closed = true;
    }
  }
  return { source: source(), closed: () => closed };
}

describe('peekBytes', () => {
  it('hands back the head and the whole stream, head included', async () => {
    const t = tracked(['ab', 'cd', 'ef']);
    const { head, stream } = await peekBytes(t.source, 3);
    expect(head.toString()).toBe('abc');
    const all: string[] = [];
    for await (const c of stream) all.push(c.toString());
    expect(all.join('')).toBe('abcdef');
    expect(t.closed()).toBe(true);
  });

  it('closes the source when the stream is returned before it is ever read', async () => {
    const t = tracked(['ab', 'cd', 'ef']);
    const { stream } = await peekBytes(t.source, 3);
    expect(t.closed()).toBe(false);
    await stream.return(undefined);
    expect(t.closed()).toBe(true);
  });

  it('closes the source when the reader stops after the first chunk', async () => {
    const t = tracked(['ab', 'cd', 'ef']);
    const { stream } = await peekBytes(t.source, 1);
    for await (const c of stream) {
      expect(c.toString()).toBe('ab');
      break;
    }
    expect(t.closed()).toBe(true);
  });
});
