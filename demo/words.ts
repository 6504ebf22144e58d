/** Word lists for believable (and fictional) company names in the demo workspace. */

export const industries = {
  'Financial Services': ['Bank', 'Capital', 'Financial', 'Insurance', 'Credit Union', 'Payments'],
  Healthcare: ['Health', 'Medical', 'Care Partners', 'Clinics', 'Biosciences', 'Pharma'],
  Manufacturing: ['Manufacturing', 'Industries', 'Precision', 'Components', 'Machinery', 'Plastics'],
  'Retail & E-commerce': ['Retail', 'Outfitters', 'Markets', 'Home Goods', 'Apparel', 'Grocers'],
  'Software & Technology': ['Software', 'Systems', 'Labs', 'Technologies', 'Cloud', 'Networks'],
  'Logistics & Transportation': ['Logistics', 'Freight', 'Shipping', 'Transport', 'Fleet Services', 'Supply Chain'],
  Education: ['Learning', 'Academy', 'University', 'Education Group', 'Schools', 'Training'],
  'Energy & Utilities': ['Energy', 'Power', 'Utilities', 'Renewables', 'Water', 'Solar'],
  'Media & Entertainment': ['Media', 'Studios', 'Publishing', 'Broadcasting', 'Entertainment', 'Games'],
  'Professional Services': ['Consulting', 'Advisory', 'Partners', 'Legal', 'Accounting', 'Staffing'],
} as const;
export type Industry = keyof typeof industries;
export const industryNames = Object.keys(industries) as Industry[];

/** Two halves glued into one brand word: "Silver" + "brook" = "Silverbrook". */
export const brandStarts = [
  'Silver',
  'Harbor',
  'North',
  'Blue',
  'Cedar',
  'Iron',
  'Red',
  'Stone',
  'Clear',
  'Bright',
  'Summit',
  'Oak',
  'Maple',
  'Lake',
  'River',
  'Granite',
  'Sun',
  'West',
  'East',
  'High',
  'Green',
  'Fox',
  'Eagle',
  'Copper',
  'Falcon',
  'Pine',
  'Willow',
  'Crest',
  'Star',
  'True',
  'Bay',
  'Ember',
  'Frost',
  'Golden',
  'Hollow',
  'Lumen',
  'Nova',
  'Orchard',
  'Prairie',
  'Quarry',
  'Raven',
  'Sage',
] as const;
export const brandEnds = [
  'brook',
  'field',
  'point',
  'gate',
  'wood',
  'stone',
  'ridge',
  'view',
  'haven',
  'line',
  'wave',
  'crest',
  'mark',
  'bridge',
  'ford',
  'peak',
  'vale',
  'light',
  'path',
  'port',
  'shore',
  'well',
  'worth',
  'dale',
  'side',
  'hill',
  'moor',
  'wick',
] as const;

export const regions = ['NA', 'EMEA', 'APAC', 'LATAM'] as const;
export type Region = (typeof regions)[number];
export const regionWeights: Record<Region, number> = { NA: 44, EMEA: 30, APAC: 16, LATAM: 10 };

/** Where a customer is registered: its web domain and the legal forms used there go together. */
export interface Country {
  tld: string;
  legal: readonly string[];
}

export const countries: Record<Region, readonly Country[]> = {
  NA: [
    { tld: 'com', legal: ['', 'Inc.', 'Corp.', 'LLC'] },
    { tld: 'com', legal: ['', 'Inc.'] },
    { tld: 'io', legal: ['', 'Inc.'] },
    { tld: 'ca', legal: ['', 'Inc.', 'Ltd.'] },
  ],
  EMEA: [
    { tld: 'co.uk', legal: ['', 'Ltd', 'plc'] },
    { tld: 'de', legal: ['GmbH', 'AG'] },
    { tld: 'fr', legal: ['SAS', 'S.A.'] },
    { tld: 'nl', legal: ['B.V.', 'N.V.'] },
    { tld: 'se', legal: ['AB'] },
    { tld: 'com', legal: ['', 'Ltd', 'GmbH'] },
  ],
  APAC: [
    { tld: 'com.au', legal: ['Pty Ltd', 'Ltd'] },
    { tld: 'sg', legal: ['Pte Ltd'] },
    { tld: 'co.jp', legal: ['K.K.', ''] },
    { tld: 'co.nz', legal: ['Ltd', ''] },
    { tld: 'in', legal: ['Pvt Ltd', 'Ltd'] },
  ],
  LATAM: [
    { tld: 'com.br', legal: ['Ltda.', 'S.A.'] },
    { tld: 'com.mx', legal: ['S.A. de C.V.', ''] },
    { tld: 'cl', legal: ['S.A.', 'SpA'] },
    { tld: 'com.ar', legal: ['S.A.', 'S.R.L.'] },
  ],
};

/** Divisions for the subsidiaries of an enterprise group, with the region each usually sits in. */
export const divisions: ReadonlyArray<{ name: string; legal: string; tld: string; region: Region }> = [
  { name: 'Europe', legal: 'B.V.', tld: 'eu', region: 'EMEA' },
  { name: 'UK', legal: 'Ltd', tld: 'co.uk', region: 'EMEA' },
  { name: 'DACH', legal: 'GmbH', tld: 'de', region: 'EMEA' },
  { name: 'Asia Pacific', legal: 'Pte Ltd', tld: 'sg', region: 'APAC' },
  { name: 'Japan', legal: 'K.K.', tld: 'co.jp', region: 'APAC' },
  { name: 'Australia', legal: 'Pty Ltd', tld: 'com.au', region: 'APAC' },
  { name: 'Brasil', legal: 'Ltda.', tld: 'com.br', region: 'LATAM' },
  { name: 'México', legal: 'S.A. de C.V.', tld: 'com.mx', region: 'LATAM' },
  { name: 'Canada', legal: 'Inc.', tld: 'ca', region: 'NA' },
  { name: 'Digital', legal: 'LLC', tld: 'io', region: 'NA' },
  { name: 'Services', legal: 'LLC', tld: 'com', region: 'NA' },
];
