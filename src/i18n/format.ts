/**
 * Fills `{name}` placeholders; a missing value is an error, never a silent
 * blank. A value that ends a sentence itself ("Transport Noord B.V.") takes
 * the place of the template's full stop, so no "B.V.." appears.
 */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}(\.?)/g, (_, name: string, stop: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Missing value for {${name}} in "${template}"`);
    const text = String(value);
    return stop && text.endsWith('.') ? text : text + stop;
  });
}
