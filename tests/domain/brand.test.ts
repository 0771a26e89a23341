import { describe, expect, it } from 'vitest';
import { loadBrand, phoneHref } from '../../src/config/brand.ts';

describe('brand configuration', () => {
  it('has demo defaults and takes overrides from the environment', () => {
    expect(loadBrand({}).portalName).toBe('Mijn Polis Zakelijk');
    const brand = loadBrand({ BRAND_PORTAL_NAME: 'Mijn Test Zakelijk', PUBLIC_ORIGIN: 'https://help.example.org/pad' });
    expect(brand.portalName).toBe('Mijn Test Zakelijk');
    expect(brand.publicOrigin).toBe('https://help.example.org');
  });

  it('names the variable of a bad value', () => {
    expect(() => loadBrand({ BRAND_CONTACT_URL: 'geen url' })).toThrow(/BRAND_CONTACT_URL/);
    expect(() => loadBrand({ BRAND_HOURS: 'altijd' })).toThrow(/BRAND_HOURS/);
  });

  it('takes only web addresses for its links: no javascript: or data: link on every page', () => {
    expect(() => loadBrand({ BRAND_CONTACT_URL: 'javascript:alert(1)' })).toThrow(/BRAND_CONTACT_URL/);
    expect(() => loadBrand({ BRAND_CONSUMER_PORTAL_URL: 'data:text/html,x' })).toThrow(/BRAND_CONSUMER_PORTAL_URL/);
    expect(() => loadBrand({ BRAND_HEALTH_PORTAL_URL: 'ftp://example.com/' })).toThrow(/BRAND_HEALTH_PORTAL_URL/);
  });

  it('makes an international tel: link', () => {
    expect(phoneHref('088 123 45 67')).toBe('tel:+31881234567');
  });
});
