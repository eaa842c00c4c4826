// The rooms of src/ (its top-level folders, and extension.ts) import each other in one direction
// only: no cycle between rooms, and no arrow from a lower floor to a higher one (CONTRIBUTING
// "How the parts fit"). ESLint refuses single imports; a cycle or a climb is a property of the
// whole graph, so this walks every import of src/ (type-only ones too: a cycle of types is still
// two rooms that cannot be understood, moved or bundled apart).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT, sourceFiles } from '../fakes/sources';

const SRC = path.join(ROOT, 'src');

/** Floors, lowest first: a room imports only rooms on its floor or below. Unlisted rooms are feature rooms, the top floor. */
const FLOORS: Readonly<Record<string, number>> = { oto: 0, client: 1, common: 2, traffic: 3, sandbox: 4, proxy: 5, sandboxCli: 6 };
const TOP_FLOOR = 7;

function roomOf(file: string): string {
  const [first, second] = path.relative(SRC, file).split(path.sep);
  return second === undefined ? first.replace(/\.ts$/, '') : first;
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/** room -> room it imports -> the files that do. */
function roomGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const { file, text } of sourceFiles(SRC)) {
    const full = path.join(ROOT, file);
    const from = roomOf(full);
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const target = imported.fileName.startsWith('.') ? resolve(full, imported.fileName) : undefined;
      const to = target === undefined ? undefined : roomOf(target);
      if (to !== undefined && to !== from) {
        const edges = graph.get(from) ?? new Map<string, string[]>();
        graph.set(from, edges);
        edges.set(to, [...(edges.get(to) ?? []), file]);
      }
    }
  }
  return graph;
}

/** Strongly connected components of more than one room (Tarjan), each as its sorted room names. */
function cycles(graph: Map<string, Map<string, string[]>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (room: string): void => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(room, Math.min(low.get(room)!, index.get(next)!));
      }
    }
    if (low.get(room) === index.get(room)) {
      const component = stack.splice(stack.indexOf(room));
      if (component.length > 1) {
        found.push(component.sort().join(' '));
      }
    }
  };
  for (const room of graph.keys()) {
    if (!index.has(room)) {
      visit(room);
    }
  }
  return found.sort();
}

describe('room graph (imports between the folders of src/)', () => {
  const graph = roomGraph();

  it('reads the imports it should (the walk is not blind)', () => {
    assert.ok(graph.get('extension')?.has('session'), 'extension.ts imports the session');
    assert.ok(graph.get('client')?.has('oto'), 'the client reads OTO\'s facts');
    assert.ok(graph.get('traffic')?.has('common'), 'the traffic core uses common/ (type and value imports alike)');
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    const made = new Map([
      ['a', new Map([['b', ['a.ts']]])],
      ['b', new Map([['c', ['b.ts']]])],
      ['c', new Map([['a', ['c.ts']], ['d', ['c.ts']]])],
      ['d', new Map<string, string[]>()],
    ]);
    assert.deepEqual(cycles(made), ['a b c']);
  });

  it('has no import cycle between rooms', () => {
    const detail = cycles(graph)
      .map((cycle) => {
        const rooms = cycle.split(' ');
        const arrows = rooms.flatMap((from) => rooms.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} -> ${to} (${graph.get(from)!.get(to)!.slice(0, 3).join(', ')})`));
        return `cycle ${cycle}: ${arrows.join('; ')}`;
      });
    assert.deepEqual(detail, [], 'a cycle between rooms');
  });

  it('has no arrow from a lower floor to a higher one', () => {
    const climbs = [...graph].flatMap(([from, edges]) =>
      [...edges].filter(([to]) => (FLOORS[to] ?? TOP_FLOOR) > (FLOORS[from] ?? TOP_FLOOR)).map(([to, files]) => `${from} -> ${to} (${files.join(', ')})`));
    assert.deepEqual(climbs, []);
  });
});
