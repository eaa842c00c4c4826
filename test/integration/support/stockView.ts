// The Stock view as rendered: its rows through the UI bridge, its figures parsed back to numbers.
import * as vscode from 'vscode';
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

/** Opens the OTO view container and waits until the Stock view shows its locations. */
export async function showStockView(): Promise<TreeRow[]> {
  await vscode.commands.executeCommand('workbench.view.extension.oto');
  if (!widened) {
    // Wide enough that names, figures and change marks are readable in the screenshots.
    await sideBarWidth(620);
    widened = true;
  }
  return waitFor('the Stock view to show locations', rows, (shown) => shown.some((row) => row.level === 1) && shown.some((row) => row.level === 2));
}

/** Collapses every location, then expands the one labelled `label` by clicking it. */
export async function expandOnly(label: string): Promise<TreeRow[]> {
  await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
  await waitFor('all locations collapsed', rows, (shown) => shown.length > 0 && shown.every((row) => row.level === 1));
  await clickTreeRow(STOCK_VIEW, label);
  return waitFor(`${label} expanded`, rows, (shown) => shown.some((row) => row.level === 2));
}

/** The rows under the expanded location, i.e. the level-2 rows. */
export function skuRows(shown: TreeRow[]): TreeRow[] {
  return shown.filter((row) => row.level === 2);
}
