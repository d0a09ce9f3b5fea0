import type { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { Test } from '@nestjs/testing';
import { openApiDocumentOf } from '@rhythm/operability';
import type { OpenApiDocument } from './openapi-document';

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule>;

const isDynamic = (module: ModuleRef): module is DynamicModule =>
  typeof module === 'object' && 'module' in module;

/** Every controller of a module and of the modules it imports. */
const controllersOf = (module: ModuleRef, seen = new Set<unknown>()): Type<unknown>[] => {
  if (module instanceof Promise || seen.has(module)) return [];
  seen.add(module);
  const type = isDynamic(module) ? module.module : module;
  const own = [
    ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []) as Type<unknown>[]),
    ...(isDynamic(module) ? (module.controllers ?? []) : []),
  ];
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []) as ModuleRef[]),
    ...(isDynamic(module) ? ((module.imports ?? []) as ModuleRef[]) : []),
  ];
  return [...own, ...imports.flatMap((imported) => controllersOf(imported, seen))];
};

/**
 * The OpenAPI document a service serves, built from its controllers alone (every provider a
 * stub): no store, broker or port. For specs of the document itself.
 */
export const serviceDocumentOf = async (
  module: DynamicModule,
  title: string,
): Promise<OpenApiDocument> => {
  const testing = await Test.createTestingModule({ controllers: controllersOf(module) })
    .useMocker(() => ({}))
    .compile();
  const app = testing.createNestApplication({ logger: false });
  try {
    return openApiDocumentOf(app, { title, version: '1' }) as unknown as OpenApiDocument;
  } finally {
    await app.close();
  }
};
