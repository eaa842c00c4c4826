// The localized words the plain-TypeScript renderers take.
import * as vscode from 'vscode';
import type { HoverLabels } from './hoverMarkdown';
import type { SnapshotLabels } from './snapshot';

export function hoverLabels(): HoverLabels {
  return {
    location: vscode.l10n.t('Location'),
    onHand: vscode.l10n.t('On hand'),
    forecasted: vscode.l10n.t('Forecast'),
    total: vscode.l10n.t('Total'),
    noLocation: vscode.l10n.t('(no location)'),
    minInventory: (min) => vscode.l10n.t('Minimum inventory: {0}', min),
    belowMinimum: vscode.l10n.t('below minimum'),
    noStock: vscode.l10n.t('No stock recorded at any location.'),
    stale: vscode.l10n.t('Figures may be out of date: the refresh failed.'),
    adjust: vscode.l10n.t('Adjust…'),
    reveal: vscode.l10n.t('Reveal in Stock view'),
    createOrder: vscode.l10n.t('Create inventory order'),
    history: vscode.l10n.t('History'),
  };
}

export function snapshotLabels(): SnapshotLabels {
  return {
    noLocation: vscode.l10n.t('(no location)'),
    figures: (onHand, forecasted) => vscode.l10n.t('on hand {0}, forecasted {1}', onHand, forecasted),
  };
}
