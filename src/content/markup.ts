/** The components an article may use; src/site/article-components.ts says what each becomes. */
export const mdxComponentNames = [
  'Portal',
  'Insurer',
  'ArticleLink',
  'Action',
  'ConsumerPortal',
  'HealthPortal',
  'ContactPhone',
  'OpeningHours',
  'ContactForm',
] as const;

/**
 * `<Name a="b" />` or `<Name a="b">…</Name>`: the only markup an article may write. The loader
 * expands what this matches; anything else that looks like markup is refused (markupProblems).
 */
const COMPONENT = /<([A-Z][A-Za-z]*)((?:\s+[a-z]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/\1>)/g;
const ATTRIBUTE = /([a-z]+)="([^"]*)"/g;

/**
 * The body with each component replaced by what `replace` makes of it, innermost first: its name,
 * its attributes, and what it encloses, already replaced (undefined for `<Name />`). The one
 * reading of components, for the loader that expands them and the check that inspects them.
 */
export function replaceComponents(
  body: string,
  replace: (name: string, props: Record<string, string>, inner: string | undefined) => string,
): string {
  return body.replace(COMPONENT, (_whole, name: string, attributes: string, inner: string | undefined) => {
    const props = Object.fromEntries([...attributes.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2]!]));
    return replace(name, props, inner === undefined ? undefined : replaceComponents(inner, replace));
  });
}

/** Every component in a body, nested ones included, with its attributes. */
export function componentsIn(body: string): { name: string; props: Record<string, string> }[] {
  const found: { name: string; props: Record<string, string> }[] = [];
  replaceComponents(body, (name, props) => (found.push({ name, props }), ''));
  return found;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * What an article body may not hold, in words for its writer: markup that is not a component as
 * written here (Markdown passes HTML, comments and misspelt components on into the page as they
 * are), and links to anything but web, mail and phone addresses.
 */
export function markupProblems(body: string): string[] {
  // Each component taken out, keeping what it encloses, so what is left is stray.
  const rest = replaceComponents(body, (_name, _props, inner) => inner ?? ' ');
  const stray = new Set([...rest.matchAll(/<[!?/A-Za-z][^\s>]*/g)].map((m) => m[0]));
  const targets = [
    ...[...body.matchAll(/\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1]!),
    ...[...body.matchAll(/^\s*\[[^\]]+\]:\s*<?([^\s>]+)/gm)].map((m) => m[1]!),
  ];
  const unsafe = targets.filter((target) => {
    const scheme = SCHEME.exec(target)?.[1]?.toLowerCase();
    return scheme !== undefined && !SAFE_SCHEMES.has(scheme);
  });
  // Across lines, a component would become a block of HTML whose Markdown is not read.
  const split = [...body.matchAll(COMPONENT)].filter((m) => m[0].includes('\n')).map((m) => `<${m[1]}`);
  return [
    ...split.map((markup) => `body has "${markup}" over more than one line: open and close it on one line`),
    ...[...stray].map(
      (markup) => `body has "${markup}", which is not a component as written: write Markdown ([text](address) for a link) or a component`,
    ),
    ...unsafe.map((target) => `body links to "${target}": only web, mail (mailto:) and phone (tel:) addresses`),
  ];
}
