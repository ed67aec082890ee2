// A small OpenAPI 3.1 registry: routes register their zod schemas (the same ones that validate
// requests) and GET /api/openapi.json (routes/openapi.ts) serves the document built from them
// with z.toJSONSchema.
import { z } from 'zod';
import type { Permission } from '../accounts/index.js';
import { ERRORS } from './errors.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

export interface RouteDoc {
  method: HttpMethod;
  /** Express-style path, e.g. /api/programmes/:id/localizations/:locale. */
  path: string;
  summary: string;
  tags?: string[];
  /** Permission needed (server/accounts/roles.ts), e.g. 'availability:write', or 'signed-in' (any role); absent = public (viewer) route. */
  auth?: Permission | 'signed-in';
  params?: Record<string, z.ZodType>;
  query?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** status → description and optional schema. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

export class OpenApiRegistry {
  private readonly routes: RouteDoc[] = [];

  add(doc: RouteDoc): void {
    if (this.routes.some((r) => r.method === doc.method && r.path === doc.path)) throw new Error(`openapi: ${doc.method} ${doc.path} registered twice`);
    this.routes.push(doc);
  }

  list(): readonly RouteDoc[] {
    return this.routes;
  }

  document(info: { title: string; version: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      const parameters = [
        ...Object.entries(r.params ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: jsonSchema(s, 'input') })),
        ...Object.entries(r.query ?? {}).map(([name, s]) => ({ name, in: 'query', required: !s.safeParse(undefined).success, schema: jsonSchema(s, 'input') })),
      ];
      const responses: Record<string, unknown> = {};
      for (const [status, res] of Object.entries(r.responses)) {
        responses[status] = {
          description: res.description,
          ...(res.schema
            ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }
            : Number(status) >= 400
              ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
              : {}),
        };
      }
      (paths[p] ??= {})[r.method] = {
        summary: r.summary,
        ...(r.tags ? { tags: r.tags } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
        responses,
        ...(r.auth ? { security: [{ bearer: [] }], 'x-podium-permission': r.auth } : {}),
      };
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string', enum: Object.keys(ERRORS) },
                  message: { type: 'string' },
                  field: { type: 'string' },
                  availableFrom: { type: ['string', 'null'], format: 'date-time' },
                },
              },
            },
          },
        },
      },
    };
  }
}
