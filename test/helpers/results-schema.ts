/** schema/results.schema.json compiled once (strict draft 2020-12), for every test that writes a results.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from './run-cli.ts';

export const resultsSchema = JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'results.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(resultsSchema);

/** Where `results` breaks the published schema, one line per problem; [] when it validates. */
export function resultsSchemaErrors(results: unknown): string[] {
  if (validate(results)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
