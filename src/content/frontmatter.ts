const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** An article file's frontmatter (YAML, not yet parsed) and its MDX body; null when it has no frontmatter. */
export function splitFrontmatter(text: string): { yaml: string; body: string } | null {
  const match = FRONTMATTER.exec(text);
  return match ? { yaml: match[1]!, body: match[2]! } : null;
}
