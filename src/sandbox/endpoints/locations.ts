// Pickup locations: getPickupLocationList and the pickup-from-store lookups over branches.
import { bodyOf, text, type Endpoint } from './api';
import { looseInteger } from '../../oto';
import { ApiFailure, numberedFailure, otoFailure } from '../http/errors';
import type { Location } from '../state/model';

function isoDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function address(location: Location): string {
  return `${location.buildingNo} ${location.street}, ${location.district}, ${location.city} ${location.postcode}`;
}

/** Warehouses and branches differ slightly on OTO (branches: shortAddressCode, no country). */
function locationJson(location: Location): unknown {
  const common = {
    code: location.code,
    address: address(location),
    contactEmail: location.contactEmail,
    city: location.city,
    district: location.district,
    street: location.street,
    buildingNo: location.buildingNo,
    secondaryAddressNumber: location.secondaryAddressNumber,
    postcode: location.postcode,
    name: location.name,
    contactPerson: location.contactPerson,
    lon: location.lon,
    id: location.id,
    contactPhone: location.contactPhone,
    lat: location.lat,
  };
  return location.kind === 'warehouse' ? { ...common, country: 'SA' } : { ...common, shortAddressCode: location.shortAddressCode };
}

export const getPickupLocationList: Endpoint = (state, request) => {
  const { status, minDate, maxDate, pickupLocationCode } = request.query;
  for (const [name, value] of [['minDate', minDate], ['maxDate', maxDate]] as const) {
    if (value !== undefined && !isoDate(value)) {
      throw numberedFailure(4, `${name} is invalid`);
    }
  }
  if (status !== undefined && status !== 'active' && status !== 'inactive') {
    throw numberedFailure(5, 'status is invalid');
  }
  const selected = state.locations.filter(
    (location) =>
      (status === undefined || location.status === status) &&
      (minDate === undefined || location.createdDate >= minDate) &&
      (maxDate === undefined || location.createdDate <= maxDate) &&
      (pickupLocationCode === undefined || location.code === pickupLocationCode),
  );
  return {
    success: true,
    warehouses: selected.filter((location) => location.kind === 'warehouse').map(locationJson),
    branches: selected.filter((location) => location.kind === 'branch').map(locationJson),
  };
};

function activeBranches(locations: Location[]): Location[] {
  return locations.filter((location) => location.kind === 'branch' && location.status === 'active');
}

export const availableCitiesForPickup: Endpoint = (state) => {
  const cities = [...new Set(activeBranches(state.locations).map((branch) => branch.city))];
  if (cities.length === 0) {
    throw otoFailure('OTO1185', 404);
  }
  return { cities, success: true };
};

export const availableStoresForPickup: Endpoint = (state, request) => {
  const body = bodyOf(request);
  const city = text(body.selectedCity);
  const wanted = Array.isArray(body.items) ? body.items : [];
  const items = wanted.map((raw: unknown) => {
    const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    return { sku: text(item.sku), qty: looseInteger(item.qty) };
  });
  if (items.length === 0 || items.some((item) => item.sku === undefined || item.qty === undefined || item.qty <= 0)) {
    throw otoFailure('OTO1074');
  }
  const stores = activeBranches(state.locations).filter(
    (branch) =>
      branch.city === city &&
      items.every((item) => (state.productBySku.get(item.sku ?? '')?.stock.get(branch.code)?.onHand ?? 0) >= (item.qty ?? 0)),
  );
  if (stores.length === 0) {
    // OTO's example answers this with code OTO1184 and this text, unlike its own error table.
    throw new ApiFailure(404, { otoErrorCode: 'OTO1184', success: false, otoErrorMessage: 'There is no store available for pickup from store' });
  }
  return {
    success: true,
    stores: stores.map((branch) => ({
      streetName: branch.street,
      storeHours: branch.storeHours.map((hours) => ({ ...hours })),
      city: branch.city,
      district: branch.district,
      storeName: branch.name,
      lon: branch.lon,
      id: branch.id,
      stock: 'available',
      lat: branch.lat,
      storeCode: branch.code,
    })),
  };
};
