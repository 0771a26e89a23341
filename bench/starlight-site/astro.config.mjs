// The Starlight site the benchmark builds on the same generated FAQ as ours (bench/starlight.ts).
// Starlight's defaults throughout; only the two languages are set, Dutch at the root and English
// under /en/, as on our site.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Helpcentrum',
      defaultLocale: 'root',
      locales: {
        root: { label: 'Nederlands', lang: 'nl' },
        en: { label: 'English', lang: 'en' },
      },
    }),
  ],
});
