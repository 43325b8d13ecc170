import type { Channel, Direction } from '@ledgerline/domain';

/** The words demo records are made of: plausible, fictitious, ASCII only (they end up in e-mail addresses). */

/** [country, weight, dialling prefix, company suffix, home currency and its share of that country's deals]. */
export const COUNTRIES: readonly (readonly [string, number, string, string, string, number])[] = [
  ['DE', 30, '+49', 'GmbH', 'EUR', 1],
  ['FR', 11, '+33', 'SAS', 'EUR', 1],
  ['GB', 11, '+44', 'Ltd', 'GBP', 0.8],
  ['US', 11, '+1', 'Inc', 'USD', 0.9],
  ['NL', 8, '+31', 'B.V.', 'EUR', 1],
  ['AT', 6, '+43', 'GmbH', 'EUR', 1],
  ['CH', 6, '+41', 'AG', 'CHF', 0.6],
  ['ES', 6, '+34', 'S.L.', 'EUR', 1],
  ['IT', 6, '+39', 'S.r.l.', 'EUR', 1],
  ['SE', 5, '+46', 'AB', 'EUR', 0.3],
];

export const COMPANY_WORDS = [
  'Nord',
  'Alpen',
  'Blue',
  'Bright',
  'Cedar',
  'Delta',
  'Elbe',
  'Falcon',
  'Granite',
  'Harbor',
  'Iron',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nova',
  'Orbit',
  'Pioneer',
  'Quartz',
  'Rhein',
  'Summit',
  'Tandem',
  'Union',
  'Vertex',
  'Willow',
];

export const COMPANY_NOUNS = [
  'Logistics',
  'Systems',
  'Foods',
  'Textiles',
  'Robotics',
  'Energy',
  'Analytics',
  'Pharma',
  'Tools',
  'Media',
  'Labs',
  'Engineering',
  'Retail',
  'Software',
  'Finance',
  'Builders',
];

export const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Katrin',
  'Lukas',
  'Maria',
  'Noah',
  'Olivia',
  'Paul',
  'Rosa',
  'Simon',
  'Tara',
  'Victor',
  'Yara',
  'Zoe',
];

export const LAST_NAMES = [
  'Becker',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Jansen',
  'Keller',
  'Lambert',
  'Martin',
  'Novak',
  'Olsen',
  'Rossi',
  'Schmidt',
  'Taylor',
  'Weber',
  'Young',
  'Zimmermann',
];

export const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Software',
  'Logistics',
  'Healthcare',
  'Financial services',
  'Construction',
  'Energy',
  'Food and beverage',
  'Education',
];

/** The sales team: owners of customers and deals. */
export const SALES_TEAM = ['anna.keller', 'ben.okafor', 'chloe.martin', 'daniel.weber', 'eva.lindqvist', 'farid.haddad'];

export const TAGS = ['newsletter', 'vip', 'partner', 'enterprise', 'smb', 'referral', 'trade-fair', 'beta-tester'];

export const LEAD_SOURCES = ['web', 'trade-fair', 'referral', 'outbound', 'partner'];

export const DEAL_PRODUCTS = ['seats', 'licences', 'support plan', 'onboarding', 'integration project', 'hardware bundle', 'training'];

/** Typical order values in EUR, each with its weight: many small deals, a few large ones. */
export const ORDER_TIERS: readonly (readonly [number, number])[] = [
  [800, 30],
  [3_000, 30],
  [12_000, 22],
  [40_000, 12],
  [150_000, 6],
];

export const LOSS_REASONS = [
  'Price too high',
  'Chose a competitor',
  'No budget this year',
  'No decision made',
  'Bad timing',
  'Requirements not met',
];

export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['email', 34],
  ['phone', 20],
  ['meeting', 10],
  ['chat', 10],
  ['web', 9],
  ['note', 8],
  ['sms', 6],
  ['post', 3],
];

export const DIRECTION_WEIGHTS: readonly (readonly [Direction, number])[] = [
  ['outbound', 60],
  ['inbound', 40],
];

export const SUBJECTS: Readonly<Record<Channel, readonly string[]>> = {
  email: ['Follow-up on our call', 'Quote as requested', 'Question about the invoice', 'Product update'],
  phone: ['Discovery call', 'Pricing discussion', 'Support call', 'Check-in'],
  meeting: ['Demo', 'Quarterly review', 'Kick-off', 'Workshop on site'],
  sms: ['Reminder: meeting tomorrow', 'Delivery notice'],
  chat: ['Question via chat', 'Onboarding help'],
  web: ['Contact form', 'Whitepaper download', 'Webinar sign-up'],
  post: ['Contract signed by post', 'Catalogue sent'],
  note: ['Internal note', 'Account planning'],
};

export const OUTCOMES = ['Interested', 'Sent a quote', 'Needs more time', 'Meeting booked', 'Resolved', 'No answer'];

/** What customers buy: [sku, name, category, typical unit price in EUR]. */
export const PRODUCTS: readonly (readonly [string, string, string, number])[] = [
  ['SEAT-STD', 'Standard seat, yearly', 'subscriptions', 240],
  ['SEAT-PRO', 'Pro seat, yearly', 'subscriptions', 480],
  ['SUP-GOLD', 'Gold support plan', 'services', 1_200],
  ['ONB-DAY', 'Onboarding day', 'services', 950],
  ['INT-PRJ', 'Integration project', 'projects', 6_500],
  ['HW-SCAN', 'Barcode scanner', 'hardware', 320],
  ['HW-TERM', 'Payment terminal', 'hardware', 540],
  ['TRN-SEAT', 'Training seat', 'training', 390],
];
