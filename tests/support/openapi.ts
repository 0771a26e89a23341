import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

// The API as its own OpenAPI document describes it, so that tests which walk
// "every endpoint" take in a new endpoint without being told.

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

export interface Endpoint {
  method: string;
  /** As in the document: `/api/agent/accounts/{id}/{action}`. */
  template: string;
  parameters: Parameter[];
  /** The JSON body's schema, with references resolved; undefined when the endpoint takes none. */
  body?: Schema;
  /** It also takes a plain form (application/x-www-form-urlencoded). */
  takesForms: boolean;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document, with its references resolved. */
export function endpointsOf(doc: OpenApiDocument): Endpoint[] {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components!.schemas![schema.$ref.split('/').at(-1)!]!);
    return {
      ...schema,
      ...(schema.properties
        ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v)])) }
        : {}),
      ...(schema.items ? { items: resolve(schema.items) } : {}),
      ...(schema.oneOf ? { oneOf: schema.oneOf.map(resolve) } : {}),
      ...(schema.anyOf ? { anyOf: schema.anyOf.map(resolve) } : {}),
    };
  };
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const json = operation.requestBody?.content['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        template,
        takesForms: Boolean(operation.requestBody?.content['application/x-www-form-urlencoded']),
        parameters: (operation.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        ...(json ? { body: resolve(json) } : {}),
      };
    }),
  );
}

/** A value the schema accepts (as far as a schema can say: a token of the right shape is still unknown to the server). */
export function exampleOf(schema: Schema, seed = 1): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  const first = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (first) return exampleOf(first, seed);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, exampleOf(schema.properties![name]!, seed)]));
    case 'array':
      return schema.items ? [exampleOf(schema.items, seed)] : [];
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return 1;
    default:
      return exampleString(schema, seed);
  }
}

function exampleString(schema: Schema, seed: number): string {
  if (schema.format === 'email') return 'iemand@voorbeeld.test';
  if (schema.format === 'uuid') return randomUUID();
  if (schema.pattern) {
    const [value] = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed });
    if (value!.length >= (schema.minLength ?? 0)) return value!;
    const { pattern: _pattern, ...rest } = schema;
    return exampleString(rest, seed);
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 1000;
  // Long enough for a token (they are at least 20 characters), short enough for a code.
  const value = min >= 20 ? 'x'.repeat(Math.min(43, max)) : 'voorbeeldwaarde';
  return value.length > max ? value.slice(0, max) : value.padEnd(min, 'x');
}

/** The fields of a body schema that hold text, as paths into the example: `['email']`, `['context', 'path']`. */
export function stringFields(schema: Schema, prefix: string[] = []): string[][] {
  const chosen = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  if (chosen.type === 'object' && chosen.properties)
    return Object.entries(chosen.properties).flatMap(([name, s]) => stringFields(s, [...prefix, name]));
  const leaf = chosen.type ?? (chosen.enum ? typeof chosen.enum[0] : undefined);
  return leaf === 'string' && prefix.length > 0 ? [prefix] : [];
}

/** Every field of a body schema (objects included), as paths. */
export function allFields(schema: Schema, prefix: string[] = []): { path: string[]; schema: Schema; required: boolean }[] {
  const chosen = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema;
  if (chosen.type !== 'object' || !chosen.properties) return [];
  return Object.entries(chosen.properties).flatMap(([name, s]) => [
    { path: [...prefix, name], schema: s, required: (chosen.required ?? []).includes(name) },
    ...allFields(s, [...prefix, name]),
  ]);
}

/** A copy of `value` with the field at `path` set (or, with `remove`, left out). */
export function withField(value: unknown, path: string[], field: unknown, remove = false): unknown {
  const [head, ...rest] = path;
  const object = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) {
    if (remove) delete object[head!];
    else object[head!] = field;
  } else {
    object[head!] = withField(object[head!] ?? {}, rest, field, remove);
  }
  return object;
}

/** The path with each `{param}` filled in: from `values`, else an example of its schema. */
export function fillPath(endpoint: Endpoint, values: Record<string, string> = {}): string {
  return endpoint.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in values) return values[name]!;
    const parameter = endpoint.parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(parameter ? exampleOf(parameter.schema) : 'x'));
  });
}

/** The required query of an endpoint, with example values. */
export function exampleQuery(endpoint: Endpoint): Record<string, string> {
  return Object.fromEntries(
    endpoint.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(exampleOf(p.schema))]),
  );
}
