/** The parts of an OpenAPI 3.0 document the fuzzer reads, with local `$ref`s resolved. */
export type JsonSchema = Readonly<{
  $ref?: string;
  type?: string;
  format?: string;
  enum?: readonly unknown[];
  example?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  allOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
}>;

export type Parameter = Readonly<{
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}>;

type Content = Readonly<Record<string, { schema?: JsonSchema }>>;

type RawOperation = Readonly<{
  operationId?: string;
  parameters?: readonly (Parameter | { $ref: string })[];
  requestBody?: Readonly<{ required?: boolean; content?: Content }>;
  responses?: Readonly<Record<string, { content?: Content }>>;
  security?: readonly Readonly<Record<string, readonly string[]>>[];
}>;

export type OpenApiDocument = Readonly<{
  openapi: string;
  paths: Readonly<Record<string, Readonly<Record<string, RawOperation>>>>;
  components?: Readonly<{ schemas?: Readonly<Record<string, JsonSchema>> }>;
  security?: RawOperation['security'];
}>;

export type Operation = Readonly<{
  /** `METHOD /path/{param}`: how reports name it. */
  key: string;
  method: string;
  path: string;
  parameters: readonly Parameter[];
  /** The JSON request body schema, if the operation takes one. */
  body?: JsonSchema;
  bodyRequired: boolean;
  /** Response statuses (`200`, `4XX`, `default`) documented as application/json. */
  jsonStatuses: ReadonlySet<string>;
  /** Whether the operation declares a security requirement (sent a bearer token). */
  secured: boolean;
}>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** Follows `#/...` references; anything else is left as it is. */
export const resolve = <T>(document: OpenApiDocument, value: T | { $ref: string }): T => {
  let current: unknown = value;
  for (let depth = 0; depth < 32; depth++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) break;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], document);
  }
  return current as T;
};

const isJson = (mediaType: string) => /^application\/(.+\+)?json/.test(mediaType);

/** Every operation of the document, in document order. */
export const operationsOf = (document: OpenApiDocument): Operation[] => {
  if (!/^3\./.test(document.openapi ?? '')) {
    throw new Error(`Not an OpenAPI 3 document (openapi: ${String(document.openapi)})`);
  }
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const content = operation.requestBody?.content ?? {};
        const jsonBody = Object.entries(content).find(([type]) => isJson(type));
        const jsonStatuses = Object.entries(operation.responses ?? {})
          .filter(([, response]) => Object.keys(response.content ?? {}).some(isJson))
          .map(([status]) => status.toUpperCase());
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: (operation.parameters ?? []).map((p) => resolve<Parameter>(document, p)),
          body: jsonBody ? resolve(document, jsonBody[1].schema ?? {}) : undefined,
          bodyRequired: operation.requestBody?.required ?? jsonBody !== undefined,
          jsonStatuses: new Set(jsonStatuses),
          secured: (operation.security ?? document.security ?? []).length > 0,
        };
      }),
  );
};

/** Whether the document promises JSON for this status (exact, `4XX`, or `default`). */
export const promisesJson = (operation: Operation, status: number): boolean =>
  operation.jsonStatuses.has(String(status)) ||
  operation.jsonStatuses.has(`${String(status)[0]}XX`) ||
  operation.jsonStatuses.has('DEFAULT');

/** The path segment a parameter follows, e.g. `tribes` for `{id}` in `/tribes/{id}/name`. */
export const collectionOf = (path: string, parameter: string): string => {
  const segments = path.split('/');
  return segments[segments.indexOf(`{${parameter}}`) - 1] ?? '';
};

/** Where a POST creates things: its last fixed segment (`/people` → people). */
export const createdCollectionOf = (path: string): string =>
  path
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{'))
    .at(-1) ?? '';

type SchemaNode = Readonly<Record<string, unknown>>;
const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where the document says less than it should: a property (or array item) with no type, or an
 * object with no properties — what swagger writes for a TypeScript union or alias it cannot see
 * (`tribeId: string | null` documented as an object). `additionalProperties: true` says "any
 * object" on purpose; `items: {}` "any value".
 */
export const looseSchemasOf = (document: OpenApiDocument): string[] => {
  const loose: string[] = [];
  const visit = (node: unknown, at: string, isItems = false) => {
    if (!isNode(node)) return;
    const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in node);
    const bare = Object.keys(node).every((key) => key === 'description' || key === 'nullable');
    if (!composed && !('type' in node) && !('enum' in node) && !(isItems && bare)) {
      loose.push(`${at}: no type`);
    }
    const open = !('properties' in node) && !('additionalProperties' in node);
    if (node.type === 'object' && open && !composed) {
      loose.push(`${at}: an object with no properties`);
    }
    for (const [name, property] of Object.entries(isNode(node.properties) ? node.properties : {}))
      visit(property, `${at}/properties/${name}`);
    if ('items' in node) visit(node.items, `${at}/items`, true);
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      const members = node[key];
      if (Array.isArray(members)) members.forEach((m, i) => visit(m, `${at}/${key}/${i}`));
    }
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
    visit(schema, `#/components/schemas/${name}`);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, content] of Object.entries(response.content ?? {}))
          visit(content.schema, `${method.toUpperCase()} ${path} ${status} ${type}`);
      }
    }
  }
  return loose;
};
