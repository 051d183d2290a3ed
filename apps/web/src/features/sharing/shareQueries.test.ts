import { describe, expect, it } from 'vitest';
import { shareLinkUrl } from './shareQueries';

describe('shareLinkUrl', () => {
  it('puts the token in the hash of the app’s own address, where servers never log it', () => {
    expect(shareLinkUrl('abc_-1', { origin: 'https://beluga.example', pathname: '/' })).toBe(
      'https://beluga.example/#/shared/abc_-1',
    );
    expect(shareLinkUrl('t', { origin: 'http://127.0.0.1:3000', pathname: '/app/' })).toBe(
      'http://127.0.0.1:3000/app/#/shared/t',
    );
  });
});
