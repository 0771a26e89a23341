import type { ComponentChildren } from 'preact';

/** The way on from a step, as a button: a link, so it also works before the page's script runs. */
export function ButtonLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a class="button" href={href}>
        {children}
      </a>
    </p>
  );
}
