import { describe, expect, it } from 'vitest';
import { displayCreatedBy } from './created-by.js';

describe('displayCreatedBy', () => {
  it('drops the legacy builder prefix', () => {
    expect(displayCreatedBy('/bin/sh -c #(nop)  CMD ["/bin/sh"]')).toBe('CMD ["/bin/sh"]');
    expect(displayCreatedBy('/bin/sh -c apt-get update\n\t&& true')).toBe('RUN apt-get update && true');
    expect(displayCreatedBy('RUN /bin/sh -c make # buildkit')).toBe('RUN /bin/sh -c make');
    expect(displayCreatedBy(undefined)).toBe('');
    expect(displayCreatedBy(`/bin/sh -c #(nop) COPY file:${'ab'.repeat(32)} in /x `)).toBe(
      'COPY file:abababababab… in /x',
    );
  });
});
