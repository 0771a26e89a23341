import { z } from 'zod';

/**
 * The brand and contact details: the only place that names the insurer.
 * Each value can be overridden with the environment variable next to it; the
 * static pages take them at build time, the live endpoints at start.
 */
const brandSchema = z.object({
  /** BRAND_NAME: the insurer, also the issuer name shown in authenticator apps. */
  insurerName: z.string().min(2).max(60).default('Voorbeeld Verzekeringen'),
  /** BRAND_PORTAL_NAME: the business customer portal. */
  portalName: z.string().min(2).max(60).default('Mijn Polis Zakelijk'),
  /** BRAND_PHONE: shown as text; the link uses the digits. */
  phone: z
    .string()
    .regex(/^[+0-9 ()-]{6,20}$/)
    .default('088 123 45 67'),
  /** BRAND_HOURS: opening hours as `days open-close`, days `mon-fri` or `mon-sat`. */
  hours: z
    .string()
    .regex(/^(mon-fri|mon-sat|mon-sun) \d{2}:\d{2}-\d{2}:\d{2}$/)
    .default('mon-fri 08:00-17:30'),
  /** BRAND_CONTACT_URL: the insurer's contact form. */
  contactUrl: z.httpUrl().default('https://www.example.com/zakelijk/contact'),
  /** BRAND_CONSUMER_PORTAL_URL: where private customers log in (with iDIN). */
  consumerPortalUrl: z.httpUrl().default('https://www.example.com/mijn-polis'),
  /** BRAND_CONSUMER_PORTAL_NAME */
  consumerPortalName: z.string().min(2).max(60).default('Mijn Polis'),
  /** BRAND_HEALTH_PORTAL_URL: the separate health insurance portal. */
  healthPortalUrl: z.httpUrl().default('https://www.example.com/mijn-zorgpolis'),
  /** BRAND_HEALTH_PORTAL_NAME */
  healthPortalName: z.string().min(2).max(60).default('Mijn Zorgpolis'),
  /** PUBLIC_ORIGIN: where customers reach this site; links in mails are built from it. */
  publicOrigin: z
    .url()
    .transform((url) => new URL(url).origin)
    .default('http://localhost:4321'),
});

export type Brand = z.infer<typeof brandSchema>;

const envNames: Record<keyof Brand, string> = {
  insurerName: 'BRAND_NAME',
  portalName: 'BRAND_PORTAL_NAME',
  phone: 'BRAND_PHONE',
  hours: 'BRAND_HOURS',
  contactUrl: 'BRAND_CONTACT_URL',
  consumerPortalUrl: 'BRAND_CONSUMER_PORTAL_URL',
  consumerPortalName: 'BRAND_CONSUMER_PORTAL_NAME',
  healthPortalUrl: 'BRAND_HEALTH_PORTAL_URL',
  healthPortalName: 'BRAND_HEALTH_PORTAL_NAME',
  publicOrigin: 'PUBLIC_ORIGIN',
};

export function loadBrand(env: Record<string, string | undefined>): Brand {
  const input = Object.fromEntries(
    Object.entries(envNames)
      .map(([key, name]) => [key, env[name]?.trim() || undefined])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = brandSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${envNames[i.path[0] as keyof Brand] ?? i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid brand configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const brand: Brand = loadBrand(process.env);

/** The digits of the phone number for a `tel:` link, in international form. */
export function phoneHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('0') ? `+31${digits.slice(1)}` : digits}`;
}
