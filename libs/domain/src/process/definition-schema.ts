import { FlowElementSchema, ProcessDefinitionSchema, ProcessOverlaySchema } from './definition';

export const DEFINITION_SCHEMA_ID = 'https://sss.example.jp/schemas/process-definition.schema.json';

/**
 * The published JSON Schema (draft 2020-12) of a definition file: the TypeBox schemas of
 * `definition.ts` in the form editors and validators expect. A file with `extends` is an overlay,
 * any other a full definition (`if`/`then`/`else`, so each is checked only against its own shape).
 * Two things are rewritten, nothing else: the recursive element schema moves to `$defs`
 * (referenced by JSON pointer), and the element union becomes `oneOf` with its OpenAPI
 * `discriminator`, which Ajv uses to check an element only against the shape its `type` names.
 * `schemas/process-definition.schema.json` is this object, kept current by a test.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  const element = published(FlowElementSchema) as Record<string, unknown>;
  delete element.$id;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: DEFINITION_SCHEMA_ID,
    title: 'Process definition',
    description: 'A full process definition, or (with `extends`) an overlay on another',
    if: { type: 'object', required: ['extends'] },
    then: { $ref: '#/$defs/ProcessOverlay' },
    else: { $ref: '#/$defs/ProcessDefinition' },
    $defs: {
      ProcessDefinition: published(ProcessDefinitionSchema),
      ProcessOverlay: published(ProcessOverlaySchema),
      FlowElement: element,
    },
  };
}

/** A plain JSON copy (TypeBox's symbol keys dropped) with the two rewrites described above. */
function published(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const node = value as Record<string, unknown>;
    if (node.$ref === FlowElementSchema.$id) return { ...node, $ref: '#/$defs/FlowElement' };
    if (node.$id === FlowElementSchema.$id && key !== '') return { $ref: '#/$defs/FlowElement' };
    if (node.discriminator && node.anyOf) {
      const { anyOf, ...rest } = node;
      return { type: 'object', ...rest, oneOf: anyOf };
    }
    return node;
  });
}
