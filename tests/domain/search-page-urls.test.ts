import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pageUrlsFrom } from '../../src/search/page-urls.ts';

const fragment = (value: unknown, signature = 'pagefind_dcd') => gzipSync(Buffer.from(signature + JSON.stringify(value)));

describe("Pagefind's page addresses, read at build time", () => {
  it('reads single fragments and fragment groups, per language', () => {
    const urls = pageUrlsFrom([
      { name: 'nl_abc1234.pf_fragment', bytes: fragment({ url: '/a/', content: '…' }) },
      { name: 'en_group1.pf_fragment', bytes: fragment({ en_1111111: { url: '/en/b/' }, en_2222222: { url: '/en/c/' } }) },
    ]);
    expect(urls.get('nl')).toEqual({ nl_abc1234: '/a/' });
    expect(urls.get('en')).toEqual({ en_1111111: '/en/b/', en_2222222: '/en/c/' });
  });

  it('refuses a file that is not a Pagefind fragment', () => {
    expect(() => pageUrlsFrom([{ name: 'nl_x.pf_fragment', bytes: fragment({ url: '/a/' }, 'something') }])).toThrow(/signature/);
  });
});
