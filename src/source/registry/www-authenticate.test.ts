import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from './www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it('reads a bearer challenge with quoted params', () => {
    const h =
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"';
    expect(parseWwwAuthenticate(h)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'registry.example',
          scope: 'repository:a/b:pull',
        },
      },
    ]);
  });
  it('reads basic with a realm and escaped quotes', () => {
    expect(parseWwwAuthenticate('Basic realm="my \\"reg\\""')).toEqual([
      { scheme: 'basic', params: { realm: 'my "reg"' } },
    ]);
  });
  it('reads several challenges and tokens without quotes', () => {
    expect(parseWwwAuthenticate('Basic realm=r, Bearer realm="t",scope=x')).toEqual([
      { scheme: 'basic', params: { realm: 'r' } },
      { scheme: 'bearer', params: { realm: 't', scope: 'x' } },
    ]);
  });
  it('returns nothing for an empty header', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});
