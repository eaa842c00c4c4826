// The location and SKU quick picks shared by the stock-change and inventory-order flows.
import type { LocationInfo, StockView } from '../stockView';
import * as l10n from '@vscode/l10n';
import type { PickItem, StepPosition } from './prompter';
import type { StepInput } from './steps';
import { cachedOnHand, locationName } from '../target';

function kindLabel(location: LocationInfo): string | undefined {
  if (location.kind === 'warehouse') {
    return l10n.t('Warehouse');
  }
  return location.kind === 'branch' ? l10n.t('Branch') : undefined;
}

export async function pickLocation(
  input: StepInput,
  position: StepPosition,
  stock: StockView,
  current?: string,
  options: { placeholder?: string; exclude?: string } = {},
): Promise<LocationInfo> {
  const locations = stock.locations.filter((location) => location.code !== options.exclude);
  if (locations.length === 0) {
    throw new Error(l10n.t('No pickup locations are loaded yet: open or refresh the Stock view first.'));
  }
  const items: PickItem<LocationInfo>[] = locations.map((location) => ({
    label: location.name ?? location.code,
    description: location.code,
    detail: [kindLabel(location), location.city].filter(Boolean).join(' · ') || undefined,
    value: location,
  }));
  const activeIndex = locations.findIndex((location) => location.code === current);
  return input.pick({
    ...position,
    placeholder: options.placeholder ?? l10n.t('Pick a pickup location'),
    items,
    activeIndex: activeIndex >= 0 ? activeIndex : undefined,
    matchOnDescription: true,
  });
}

export async function pickSku(
  input: StepInput,
  position: StepPosition,
  stock: StockView,
  location: LocationInfo,
  options: {
    current?: string;
    exclude?: readonly string[];
    /** Only SKUs with stock at the location (what can be moved away); `empty` says why there are none. */
    stocked?: { placeholder: string; empty: string };
  } = {},
): Promise<string> {
  const items: PickItem<string>[] = [];
  for (const figures of stock.skus()) {
    const onHand = cachedOnHand(stock, figures.sku, location.code) ?? 0;
    if (options.exclude?.includes(figures.sku) || (options.stocked && onHand <= 0)) {
      continue;
    }
    items.push({ label: figures.sku, description: l10n.t('{0} on hand', onHand), detail: figures.product?.name, value: figures.sku });
  }
  if (items.length === 0) {
    throw new Error(options.stocked?.empty ?? l10n.t('No SKUs are loaded yet: open or refresh the Stock view first.'));
  }
  const activeIndex = items.findIndex((item) => item.value === options.current);
  return input.pick({
    ...position,
    placeholder: options.stocked?.placeholder ?? l10n.t('Pick a SKU at {0} (type to filter by SKU or name)', locationName(location)),
    items,
    activeIndex: activeIndex >= 0 ? activeIndex : undefined,
    matchOnDetail: true,
  });
}
