// Which warehouse "Open Packing Queue" was invoked for: a Stock-tree warehouse row passes
// `{ kind: 'location', location }`; anything else (the palette passes nothing) means "ask".
import type { WarehouseInfo } from './protocol';

export interface WarehouseLike {
  code: string;
  name?: string;
  kind?: string;
}

export function toWarehouseInfo(location: WarehouseLike): WarehouseInfo {
  return { code: location.code, name: location.name ?? '' };
}

export function warehouseFromArgument(argument: unknown): WarehouseInfo | undefined {
  if (typeof argument !== 'object' || argument === null) {
    return undefined;
  }
  const { kind, location } = argument as { kind?: unknown; location?: unknown };
  if (kind !== 'location' || typeof location !== 'object' || location === null) {
    return undefined;
  }
  const { code, name, kind: locationKind } = location as { code?: unknown; name?: unknown; kind?: unknown };
  if (typeof code !== 'string' || code === '' || locationKind === 'branch') {
    return undefined;
  }
  return toWarehouseInfo({ code, name: typeof name === 'string' ? name : undefined });
}
