// The fixed part of the demo data: what a merchant in Saudi Arabia could plausibly have. Figures
// (stock, orders) come from the seed; names and places are fixed so screenshots stay recognisable.
import type { Account, Location, StoreHours } from './model';

export const DEMO_ACCOUNT: Account = {
  remainingCredit: 2450.75,
  remainingFreeShipments: '0',
  mobileNumber: '966501234567',
  accountType: 'business',
  CRDocStatus: 'VERIFIED',
  name: 'Nakheel Trading (sandbox)',
  packageName: 'EnterprisePackage',
  email: 'ops@nakheel-trading.example',
  freelanceDocStatus: 'INDIVIDUAL',
};

const WEEK: StoreHours[] = ['saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({
  day,
  from: day === 'friday' ? '16:00' : '09:00',
  to: '23:00',
}));

type DemoLocation = Omit<Location, 'status' | 'bins' | 'storeHours'>;

const DEMO_LOCATIONS: DemoLocation[] = [
  {
    id: 17051, code: 'RUH-WH1', kind: 'warehouse', name: 'Riyadh Central Warehouse', city: 'Riyadh',
    district: 'Al Sulay Dist.', street: 'Al Kharj Rd', buildingNo: '3474', secondaryAddressNumber: '7026',
    postcode: '14322', shortAddressCode: 'RSAA3474', contactPerson: 'Abdulrahman Al-Saud',
    contactEmail: 'riyadh.wh@nakheel-trading.example', contactPhone: '966112345678', lat: 24.6061, lon: 46.8157,
    createdDate: '2024-03-10',
  },
  {
    id: 17052, code: 'JED-WH1', kind: 'warehouse', name: 'Jeddah Port Warehouse', city: 'Jeddah',
    district: 'Al Khumrah Dist.', street: 'Al Madinah Al Munawwarah Rd', buildingNo: '8123', secondaryAddressNumber: '2291',
    postcode: '22526', shortAddressCode: 'JKHA8123', contactPerson: 'Hassan Baeshen',
    contactEmail: 'jeddah.wh@nakheel-trading.example', contactPhone: '966122345678', lat: 21.3921, lon: 39.2012,
    createdDate: '2024-06-02',
  },
  {
    id: 17053, code: 'DMM-WH1', kind: 'warehouse', name: 'Dammam Eastern Warehouse', city: 'Dammam',
    district: 'Al Khalidiyah Al Janubiyah Dist.', street: 'King Saud St', buildingNo: '3539', secondaryAddressNumber: '6488',
    postcode: '32225', shortAddressCode: 'DKJA3539', contactPerson: 'Yousef Al-Dossary',
    contactEmail: 'dammam.wh@nakheel-trading.example', contactPhone: '966132345678', lat: 26.4011, lon: 50.0901,
    createdDate: '2025-01-15',
  },
  {
    id: 18203, code: 'MED-BR1', kind: 'branch', name: 'Madinah Quba Branch', city: 'Madinah',
    district: 'Al Mughaisilah Dist.', street: 'Salam Ibn Salim', buildingNo: '8089', secondaryAddressNumber: '4314',
    postcode: '42315', shortAddressCode: 'DMAJ8089', contactPerson: 'Maha Al-Juhani',
    contactEmail: 'madinah.branch@nakheel-trading.example', contactPhone: '966148345678', lat: 24.4395, lon: 39.6172,
    createdDate: '2025-04-20',
  },
];

export function demoLocations(): Location[] {
  return DEMO_LOCATIONS.map((location) => ({
    ...location,
    status: 'active',
    bins: location.kind === 'warehouse' ? ['A-01', 'A-02', 'B-01', 'B-02', 'C-01'] : ['SHELF-1'],
    storeHours: WEEK,
  }));
}

/** [sku, name, price in SAR]. Two names are Arabic, as real Saudi catalogues have. */
export const DEMO_PRODUCTS: ReadonlyArray<readonly [string, string, number]> = [
  ['AJW-DATES-500', 'Ajwa Dates 500 g', 65],
  ['SKR-DATES-1KG', 'Sukkari Dates 1 kg', 48],
  ['MDJ-DATES-1KG', 'Medjool Dates Premium 1 kg', 89],
  ['KHL-DATES-3KG', 'Khalas Dates Gift Box 3 kg', 120],
  ['COF-SAU-250', 'Saudi Coffee with Cardamom 250 g', 42],
  ['COF-KHW-500', 'Khawlani Coffee Beans 500 g', 95],
  ['DALLAH-BR-1L', 'Brass Dallah Coffee Pot 1 L', 150],
  ['FNJ-SET-12', 'Finjan Cup Set (12 pcs)', 55],
  ['HNY-SIDR-500', 'Sidr Honey 500 g', 180],
  ['HNY-SMR-1KG', 'Samar Honey 1 kg', 220],
  ['OUD-CAMB-3ML', 'Cambodian Oud Oil 3 ml', 350],
  ['BKHR-MUB-50', 'Mubakhar Bakhoor 50 g', 75],
  ['MBKH-ELEC', 'Electric Incense Burner', 85],
  ['PRF-MUSK-50', 'White Musk Perfume 50 ml', 140],
  ['PRF-AMB-100', 'Amber Oud Eau de Parfum 100 ml', 260],
  ['ABY-BLK-M', 'Classic Black Abaya, M', 199],
  ['ABY-BLK-L', 'Classic Black Abaya, L', 199],
  ['SHM-RED-CTN', 'Red Shemagh, Cotton', 79],
  ['THB-WHT-54', 'White Thobe, Size 54', 145],
  ['THB-WHT-56', 'White Thobe, Size 56', 145],
  ['PRM-VLV-GRN', 'Velvet Prayer Mat, Green', 60],
  ['QRN-STD-WAL', 'Quran Stand, Walnut Wood', 90],
  ['MSB-KUK-99', 'Misbaha Prayer Beads (99)', 35],
  ['RSW-TAIF-250', 'Taifi Rose Water 250 ml', 38],
  ['SAF-NEG-5G', 'Saffron Negin 5 g', 70],
  ['TEA-KRK-100', 'Karak Tea Mix 100 g', 22],
  ['SPC-KBS-200', 'Kabsa Spice Mix 200 g', 18],
  ['RCE-BSM-5KG', 'Basmati Rice 5 kg', 64],
  ['OIL-OLV-1L', 'Al Jouf Olive Oil 1 L', 58],
  ['PWR-20K-USBC', 'Power Bank 20,000 mAh USB-C', 129],
  ['CBL-USBC-2M', 'USB-C Cable 2 m', 29],
  ['EAR-WLS-PRO', 'Wireless Earbuds Pro', 249],
  ['PHN-CASE-CLR', 'Phone Case, Clear', 39],
  ['LNT-RMD-BRS', 'Ramadan Lantern, Brass', 110],
  ['CSH-MJL-4', 'Majlis Floor Cushion Set (4)', 480],
  ['TRY-SRV-GLD', 'Serving Tray, Gold Finish', 95],
  ['BAG-KID-SCH', 'Kids School Backpack', 119],
  ['BTL-STL-750', 'Steel Water Bottle 750 ml', 49],
  ['SKR-DATES-AR', 'تمر سكري فاخر ١ كغ', 52],
  ['COF-SHQ-500', 'قهوة عربية شقراء ٥٠٠ غ', 68],
];

/** Words for the products generated beyond the demo list when `products` asks for more. */
export const GENERATED_NAME_PARTS = {
  adjectives: ['Premium', 'Classic', 'Organic', 'Deluxe', 'Compact', 'Family', 'Travel', 'Gift'],
  nouns: ['Dates', 'Coffee', 'Honey', 'Perfume', 'Abaya', 'Thobe', 'Cushion', 'Lantern', 'Tray', 'Cable', 'Bottle', 'Spice Mix'],
  sizes: ['250 g', '500 g', '1 kg', '50 ml', '100 ml', 'S', 'M', 'L', 'XL'],
} as const;

/** Order lines that are not catalogue products, so they come without a productId. */
export const NON_CATALOGUE_ITEMS: ReadonlyArray<readonly [string, string, number]> = [
  ['GIFT-WRAP', 'Gift wrapping', 10],
  ['CARD-EID', 'Eid greeting card', 5],
  ['ZID-BNDL-07', 'Ramadan bundle (store item)', 150],
];

export const DEMO_CUSTOMERS = [
  ['Abdullah Al-Harbi', 'Riyadh', 'Riyadh Province', 'Al Olaya Dist.', 'Olaya St', 24.6938, 46.6853],
  ['Noura Al-Qahtani', 'Riyadh', 'Riyadh Province', 'Al Malqa Dist.', 'Anas Ibn Malik Rd', 24.8041, 46.6195],
  ['Faisal Al-Otaibi', 'Jeddah', 'Makkah Province', 'Al Rawdah Dist.', 'Prince Sultan St', 21.5623, 39.1542],
  ['Sara Al-Ghamdi', 'Jeddah', 'Makkah Province', 'Al Zahra Dist.', 'Hira St', 21.5901, 39.1413],
  ['Khalid Al-Zahrani', 'Dammam', 'Eastern Province', 'Al Faisaliyah Dist.', 'King Fahd Rd', 26.4207, 50.0688],
  ['Reem Al-Shehri', 'Khobar', 'Eastern Province', 'Al Ulaya Dist.', 'Prince Turki St', 26.2938, 50.2083],
  ['Omar Al-Mutairi', 'Madinah', 'Madinah Province', 'Al Barakah Dist.', 'Abu Ammar Al Ghaesh', 24.5182, 39.5745],
  ['Lama Al-Dosari', 'Makkah', 'Makkah Province', 'Al Aziziyah Dist.', 'Masjid Al Haram Rd', 21.4043, 39.8661],
  ['Turki Al-Anazi', 'Tabuk', 'Tabuk Province', 'Al Muruj Dist.', 'Prince Fahd Bin Sultan Rd', 28.3998, 36.5715],
  ['Hind Al-Subaie', 'Abha', 'Asir Province', 'Al Mansak Dist.', 'King Khalid Rd', 18.2164, 42.5053],
] as const;
