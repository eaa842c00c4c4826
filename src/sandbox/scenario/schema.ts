// JSON Schema validation for what the sandbox loads from files (a scenario, a saved state), with
// ajv: the same library and the same schema files VS Code's editor uses for IntelliSense.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

let ajv: Ajv | undefined;

/** Compiles a schema once per process; VS Code's own keywords are known, not errors. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  ajv ??= new Ajv({ allErrors: true, verbose: true }).addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets', 'errorMessage', 'deprecationMessage']);
  return ajv.compile<T>(schema);
}

/** `['products', '3', 'stock']` → `products[3].stock`, the way the messages name a field. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (/^\d+$/.test(String(part)) ? `${name}[${part}]` : name === '' ? String(part) : `${name}.${part}`), '');
}

/** An unknown field's message lists the known ones when there are no more than this. */
const MAX_KNOWN_LISTED = 16;

/** One ajv error in words, with the JSON path of the value it is about. */
export function describeSchemaError(error: ErrorObject): { path: string[]; message: string } {
  const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      // `verbose` hands over the schema the error is about: its fields are what could have been meant.
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = known.length > 0 && known.length <= MAX_KNOWN_LISTED ? ` (known: ${known.join(', ')})` : '';
      return { path: [...path, String(params.additionalProperty)], message: `unknown field "${String(params.additionalProperty)}"${hint}` };
    }
    case 'required':
      // Named as the missing field itself, as a control call's 400 names each field it refuses.
      return { path: [...path, String(params.missingProperty)], message: 'is required' };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}
