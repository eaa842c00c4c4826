// Reads a scenario file (`.oto/sandbox.json`, `npm run sandbox -- --scenario FILE`): JSON checked
// against scenario.schema.json (the schema VS Code's editor uses too), then against itself (codes
// and SKUs that must exist). Every problem names its line and field; nothing half-read is used.
import * as fs from 'node:fs';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, offsetTooDeep } from '../../common/json/depth';
import { DEMO_PRODUCTS, demoLocations } from '../state/demo';
import { compileSchema, describeSchemaError, fieldName } from './schema';
import { faultHeaderProblems } from '../http/faults';
import { registrationProblems } from '../webhooks/registry';
import SCENARIO_SCHEMA from './scenario.schema.json';
import type { SandboxScenario } from '../types';

/** Larger files are refused before they are read: 100,000 products fit in far less. */
export const MAX_SCENARIO_BYTES = 50 * 1024 * 1024;

export interface ScenarioProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** e.g. `products[3].stock.RUH-WH9`; empty for the file as a whole. */
  field: string;
  message: string;
}

/** How many problems the message lists; the rest are counted (all are in `problems`). */
export const LISTED_PROBLEMS = 20;

function describeProblem(problem: ScenarioProblem): string {
  return `${problem.field ? `line ${problem.line}, ${problem.field}` : `line ${problem.line}`}: ${problem.message}`;
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    // Every problem at once (up to a bound): fixing a file one run at a time is slow in CI.
    const listed = problems.slice(0, LISTED_PROBLEMS).map(describeProblem);
    const rest = problems.length - listed.length;
    super(
      problems.length === 1
        ? `${file}: ${listed[0]}`
        : [`${file}: ${problems.length} problems`, ...listed.map((line) => `  ${line}`), ...(rest > 0 ? [`  … and ${rest} more`] : [])].join('\n'),
    );
  }
}

type Path = Array<string | number>;

let validate: ReturnType<typeof compileSchema<SandboxScenario>> | undefined;

/** The scenario in `text`, or a ScenarioError listing what is wrong, each with line and field. */
export function parseScenario(text: string, file = '.oto/sandbox.json'): SandboxScenario {
  const at = (offset: number, path: Path, message: string): ScenarioProblem => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n'), field: fieldName(path), message };
  };
  if (text.trim() === '') {
    throw new ScenarioError(file, [at(0, [], 'the file is empty; {} is the demo data as it is')]);
  }
  const deep = offsetTooDeep(text);
  if (deep !== undefined) {
    throw new ScenarioError(file, [at(deep, [], `nested deeper than ${MAX_JSON_DEPTH} levels`)]);
  }
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length > 0 || !tree) {
    throw new ScenarioError(
      file,
      // The first syntax error only: the parser's later ones are mostly what the first one caused.
      syntax.slice(0, 1).map((error) => at(error.offset, [], `not valid JSON (${printParseErrorCode(error.error)})`)),
    );
  }
  const value = getNodeValue(tree) as unknown;
  const nodeAt = (path: Path): Node => {
    // The deepest node that exists: a missing field is reported where it should have been.
    for (let length = path.length; length > 0; length--) {
      const node = findNodeAtLocation(tree, path.slice(0, length));
      if (node) {
        return node.parent?.type === 'property' && node.parent.children?.[0] !== node ? node.parent : node;
      }
    }
    return tree;
  };
  const problem = (path: Path, message: string): ScenarioProblem => at(nodeAt(path).offset, path, message);

  validate ??= compileSchema<SandboxScenario>(SCENARIO_SCHEMA);
  if (!validate(value)) {
    throw new ScenarioError(
      file,
      (validate.errors ?? []).map((error) => {
        const { path, message } = describeSchemaError(error);
        return problem(path.map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message);
      }),
    );
  }
  const problems = crossCheck(value).map(([path, message]) => problem(path, message));
  if (problems.length > 0) {
    throw new ScenarioError(file, problems);
  }
  return value;
}

/** Reads and parses a scenario file; a ScenarioError for a file that cannot be read too. */
export function loadScenarioFile(file: string): SandboxScenario {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_SCENARIO_BYTES) {
      throw new Error(`${size} bytes is more than a scenario may have (${MAX_SCENARIO_BYTES})`);
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [{ line: 1, column: 1, field: '', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return parseScenario(text, file);
}

/** What the schema cannot say: codes and SKUs that must exist, and must not repeat. */
function crossCheck(scenario: SandboxScenario): Array<[Path, string]> {
  const problems: Array<[Path, string]> = [];
  const locations = scenario.locations ?? demoLocations();
  const codes = new Map(locations.map((location) => [location.code, location.kind]));
  const known = (code: string, path: Path): void => {
    if (!codes.has(code)) {
      problems.push([path, `no location "${code}"${scenario.locations ? ' in locations' : ' in the demo data (RUH-WH1, JED-WH1, DMM-WH1, MED-BR1)'}`]);
    }
  };
  const once = <T>(items: readonly T[] | undefined, key: (item: T) => string, section: string, what: string, field: string): Set<string> => {
    const seen = new Set<string>();
    items?.forEach((item, index) => {
      if (seen.has(key(item))) {
        problems.push([[section, index, field], `${what} "${key(item)}" appears more than once`]);
      }
      seen.add(key(item));
    });
    return seen;
  };
  once(scenario.locations, (location) => location.code, 'locations', 'location code', 'code');
  if (scenario.locations && !scenario.products && !scenario.locations.some((location) => location.kind === 'warehouse')) {
    problems.push([['locations'], 'the demo products need at least one warehouse; add one, or give products too']);
  }
  const skus = scenario.products ? once(scenario.products, (product) => product.sku, 'products', 'SKU', 'sku') : new Set(DEMO_PRODUCTS.map(([sku]) => sku));
  scenario.products?.forEach((product, index) => {
    for (const code of Object.keys(product.stock ?? {})) {
      known(code, ['products', index, 'stock', code]);
    }
  });
  once(scenario.packingOrders, (order) => order.orderId, 'packingOrders', 'order id', 'orderId');
  scenario.packingOrders?.forEach((order, index) => {
    known(order.warehouseCode, ['packingOrders', index, 'warehouseCode']);
    if (codes.get(order.warehouseCode) === 'branch') {
      problems.push([['packingOrders', index, 'warehouseCode'], `"${order.warehouseCode}" is a branch; packing queues are a warehouse's`]);
    }
    order.items.forEach((item, itemIndex) => {
      if (!skus.has(item.sku) && item.name === undefined) {
        problems.push([['packingOrders', index, 'items', itemIndex], `"${item.sku}" is not in the catalogue, so the item needs a "name"`]);
      }
    });
  });
  scenario.faults?.forEach((fault, index) => {
    for (const [name, message] of faultHeaderProblems(fault.headers)) {
      problems.push([['faults', index, 'headers', name], message]);
    }
  });
  // Registered at start as POST /rest/v2/webhook would be: what OTO refuses (a URL twice) is named here.
  for (const { index, field, message } of registrationProblems(scenario.webhooks?.register ?? [])) {
    problems.push([['webhooks', 'register', index, ...(field === '' ? [] : [field])], message]);
  }
  scenario.inventoryOrders?.forEach((order, index) => {
    known(order.locationCode, ['inventoryOrders', index, 'locationCode']);
    order.items.forEach((item, itemIndex) => {
      if (!skus.has(item.sku)) {
        problems.push([['inventoryOrders', index, 'items', itemIndex, 'sku'], `"${item.sku}" is not in the catalogue`]);
      }
    });
  });
  return problems;
}
