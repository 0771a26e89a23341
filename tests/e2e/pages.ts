// URLs of one page of each kind in both languages, for the tests that visit them all.
export const pages = {
  home: { nl: '/', en: '/en/' },
  topic: { nl: '/authenticator-app/', en: '/en/authenticator-app/' },
  article: { nl: '/authenticator-app/code-werkt-niet/', en: '/en/authenticator-app/code-not-working/' },
  search: { nl: '/zoeken/?q=nieuwe%20telefoon', en: '/en/search/?q=new%20phone' },
  notFound: { nl: '/deze-pagina-bestaat-niet/', en: '/en/this-page-does-not-exist/' },
} as const;
