import { parse as parseYaml } from 'yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * An article file's frontmatter (parsed, not yet checked against the schema) and its MDX body.
 * Throws a message for the article's writer when there is no frontmatter or it is not YAML.
 */
export function readArticleFile(text: string): { frontmatter: unknown; body: string } {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new Error('the file must start with frontmatter between two --- lines');
  try {
    return { frontmatter: parseYaml(match[1]!), body: match[2]! };
  } catch (error) {
    throw new Error(`the frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}
