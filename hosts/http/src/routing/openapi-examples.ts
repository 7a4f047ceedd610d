/**
 * An example for every JSON request body and answer of the document, sampled from its schema by
 * openapi-sampler (the sampler Redoc uses). A patterned string needs `examples` in its schema (the
 * vocabulary's words carry them), so each example is valid for its schema (Spectral's oas3-valid-media-example checks that in CI). Examples show the shape, not a
 * story: a sampled booking's times fit the schema, not necessarily the domain's rules.
 */
import { sample } from 'openapi-sampler';

type Json = Record<string, unknown>;

function exampleFor(schema: Json, document: Json): unknown {
  return sample(schema as never, { quiet: true, skipReadOnly: false, maxSampleDepth: 12 }, document);
}

/** Adds `example` to each `application/json` (and problem+json) media object that has a schema and none. */
export function addExamples(document: Json): void {
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, Json>>;
  const media: Json[] = [];
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const body = operation['requestBody'] as Json | undefined;
      if (body !== undefined) media.push(...Object.values((body['content'] ?? {}) as Record<string, Json>));
      for (const response of Object.values((operation['responses'] ?? {}) as Record<string, Json>)) {
        if (response['$ref'] === undefined) media.push(...Object.values((response['content'] ?? {}) as Record<string, Json>));
      }
    }
  }
  const components = (document['components'] ?? {}) as Json;
  for (const response of Object.values((components['responses'] ?? {}) as Record<string, Json>)) {
    media.push(...Object.values((response['content'] ?? {}) as Record<string, Json>));
  }
  for (const m of media) {
    const schema = m['schema'] as Json | undefined;
    // A file (contentMediaType: a PDF) has no text example worth showing.
    if (schema !== undefined && schema['contentMediaType'] === undefined && m['example'] === undefined && m['examples'] === undefined) m['example'] = exampleFor(schema, document);
  }
}
