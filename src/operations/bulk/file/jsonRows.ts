// JSON files of stock changes: an array of objects with the same fields as the CSV columns.
// JSON.parse keeps no positions, so a small scan finds the line each top-level object starts on,
// and the names an object gives twice (JSON.parse silently keeps the last: `"qty": 5, "qty": 50`).
import * as l10n from '@vscode/l10n';
import { stripBom, type Table, type TableRow } from './table';

export function parseJsonRows(source: string): Table {
  const text = stripBom(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { columns: [], rows: [], problems: [{ line: 1, message: l10n.t('The file is not valid JSON: {0}', error instanceof Error ? error.message : String(error)) }] };
  }
  if (!Array.isArray(parsed)) {
    return { columns: [], rows: [], problems: [{ line: 1, message: l10n.t('The file must hold a JSON array of changes, e.g. [{"sku": "…", "locationCode": "…", "action": "adjust", "qty": -2}].') }] };
  }
  const { lines, repeated } = scanElements(text);
  const columns = new Set<string>();
  const rows: TableRow[] = [];
  const problems = [];
  for (const [index, item] of parsed.entries()) {
    const line = lines[index] ?? 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ line, message: l10n.t('Item {0} is not an object with sku, locationCode, action and qty.', index + 1) });
      continue;
    }
    const twice = repeated.get(index);
    if (twice) {
      problems.push({ line, message: l10n.t('Item {0} names {1} more than once: keep one, so that it is clear which holds the change.', index + 1, twice.join(', ')) });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      columns.add(key);
      cells[key] = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value === null ? '' : JSON.stringify(value);
    }
    rows.push({ line, cells });
  }
  return { columns: [...columns], rows, problems };
}

/**
 * The 1-based line where each element of the top-level array starts, and by element index the
 * member names an element gives more than once.
 */
function scanElements(text: string): { lines: number[]; repeated: Map<number, string[]> } {
  const lines: number[] = [];
  const repeated = new Map<number, string[]>();
  let names = new Set<string>();
  let depth = 0;
  let line = 1;
  let inString = false;
  let stringStart = 0;
  // A string at the depth of an element's members that is followed by ':' is a member's name.
  let pendingName: string | undefined;
  let expectingElement = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
    }
    if (inString) {
      if (char === '\\') {
        index++;
      } else if (char === '"') {
        inString = false;
        if (depth === 2) {
          pendingName = JSON.parse(text.slice(stringStart, index + 1)) as string;
        }
      }
      continue;
    }
    if (depth === 1 && expectingElement && !/\s/.test(char) && char !== ']') {
      lines.push(line);
      names = new Set();
      expectingElement = false;
    }
    if (pendingName !== undefined && char === ':') {
      if (names.has(pendingName)) {
        const element = lines.length - 1;
        repeated.set(element, [...new Set([...(repeated.get(element) ?? []), pendingName])]);
      }
      names.add(pendingName);
    }
    if (!/\s/.test(char)) {
      pendingName = undefined;
    }
    if (char === '"') {
      inString = true;
      stringStart = index;
    } else if (char === '[' || char === '{') {
      depth++;
      expectingElement = depth === 1;
    } else if (char === ']' || char === '}') {
      depth--;
    } else if (char === ',' && depth === 1) {
      expectingElement = true;
    }
  }
  return { lines, repeated };
}
