// The Stock view as rendered: its rows through the UI bridge, its figures parsed back to numbers.
import * as vscode from 'vscode';
import { sandbox } from './sandbox';
import { clickTreeRow, sideBarWidth, treeRows, waitFor, type TreeRow } from './ui';

export const STOCK_VIEW = 'Stock';

export interface ShownFigures {
  onHand: number;
  forecast?: number;
  /** The change mark of on hand, e.g. −3 for `(−3)`. */
  onHandChange?: number;
}

/** `Name · 277 (−3) on hand · 261 forecast` → figures. */
export function figuresOf(row: TreeRow): ShownFigures | undefined {
  const match = /(-?\d+)(?: \(([+\u2212])(\d+)\))? on hand(?: · (-?\d+)(?: \([+\u2212]\d+\))? forecast)?/.exec(row.description);
  if (!match) {
    return undefined;
  }
  const change = match[2] ? (match[2] === '+' ? 1 : -1) * Number(match[3]) : undefined;
  return { onHand: Number(match[1]), forecast: match[4] === undefined ? undefined : Number(match[4]), onHandChange: change };
}

export async function rows(): Promise<TreeRow[]> {
  return (await treeRows(STOCK_VIEW)) ?? [];
}

let widened = false;

/** Opens the OTO view container, grouped by location and unfiltered, and waits for the locations. */
export async function showStockView(): Promise<TreeRow[]> {
  await vscode.commands.executeCommand('workbench.view.extension.oto');
  // Other suites leave the view grouped or filtered their way.
  await vscode.commands.executeCommand('oto.groupByLocation');
  await vscode.commands.executeCommand('oto.clearFilter');
  if (!widened) {
    // Wide enough that names, figures and change marks are readable in the screenshots.
    await sideBarWidth(620);
    widened = true;
  }
  const first = (await (await sandbox()).client.getPickupLocations())[0];
  const label = first.name || first.code;
  return waitFor(`the Stock view to show ${label}`, rows, (shown) => shown.some((row) => row.level === 1 && row.label === label));
}

/** Collapses every location, as the next suite expects to find the view. */
export async function collapseAll(): Promise<TreeRow[]> {
  await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
  return waitFor('all locations collapsed', rows, (shown) => shown.length > 0 && shown.every((row) => row.level === 1));
}

/** Collapses every location, then expands the one labelled `label` by clicking it. */
export async function expandOnly(label: string): Promise<TreeRow[]> {
  await collapseAll();
  await clickTreeRow(STOCK_VIEW, label);
  return waitFor(`${label} expanded`, rows, (shown) => shown.some((row) => row.level === 2));
}

/** The rows under the expanded location, i.e. the level-2 rows. */
export function skuRows(shown: TreeRow[]): TreeRow[] {
  return shown.filter((row) => row.level === 2);
}
