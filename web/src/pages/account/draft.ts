import type { AccountDetail, AccountPatch } from '../../api/types';
import { majorToMinor, minorToMajor } from '../../lib/format';

/** The account form's editable state: text inputs hold strings, selects hold string | null. */
export interface Draft {
  name: string;
  externalId: string;
  domain: string;
  industry: string;
  region: string;
  companySize: string | null;
  arr: number | string;
  currency: string;
  deploymentStatus: string | null;
  lifecyclePhase: string | null;
  touchTier: string | null;
  ownerId: string | null;
  renewalDate: string;
  riskStatuses: string[];
  parentId: string | null;
  customFields: CustomRow[];
}

export interface CustomRow {
  key: string;
  value: string;
  /** The stored type, so a number stays a number when its text still reads as one. */
  type: 'string' | 'number' | 'boolean' | 'null';
}

/** Form field names, matching the API's field names for error display. */
export const DRAFT_FIELDS = [
  'name',
  'externalId',
  'domain',
  'industry',
  'region',
  'companySize',
  'arrMinor',
  'currency',
  'deploymentStatus',
  'lifecyclePhase',
  'touchTier',
  'ownerId',
  'renewalDate',
  'riskStatuses',
  'parentId',
  'customFields',
] as const;

export function toDraft(a: AccountDetail): Draft {
  return {
    name: a.name,
    externalId: a.externalId ?? '',
    domain: a.domain ?? '',
    industry: a.industry ?? '',
    region: a.region ?? '',
    companySize: a.companySize,
    arr: minorToMajor(a.arrMinor, a.currency),
    currency: a.currency,
    deploymentStatus: a.deploymentStatus,
    lifecyclePhase: a.lifecyclePhase,
    touchTier: a.touchTier,
    ownerId: a.ownerId,
    renewalDate: a.renewalDate ?? '',
    riskStatuses: a.riskStatuses,
    parentId: a.parentId,
    customFields: Object.entries(a.customFields).map(([key, value]) => ({
      key,
      value: value === null ? '' : String(value),
      type: value === null ? 'null' : (typeof value as CustomRow['type']),
    })),
  };
}

function customValue(row: CustomRow): string | number | boolean | null {
  const text = row.value.trim();
  if (text === '') return null;
  if (row.type === 'number' && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (row.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return row.value;
}

/** Only the fields that differ from the saved account, so a save never overwrites others' edits. */
export function toPatch(d: Draft, a: AccountDetail): AccountPatch {
  const currency = d.currency.trim().toUpperCase();
  const next: Record<string, unknown> = {
    name: d.name,
    externalId: d.externalId.trim() || null,
    domain: d.domain.trim() || null,
    industry: d.industry.trim() || null,
    region: d.region.trim() || null,
    companySize: d.companySize,
    arrMinor: typeof d.arr === 'number' ? majorToMinor(d.arr, currency) : 0,
    currency,
    deploymentStatus: d.deploymentStatus,
    lifecyclePhase: d.lifecyclePhase,
    touchTier: d.touchTier,
    ownerId: d.ownerId,
    renewalDate: d.renewalDate || null,
    riskStatuses: d.riskStatuses,
    parentId: d.parentId,
    customFields: Object.fromEntries(d.customFields.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), customValue(r)])),
  };
  const saved = a as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(saved[key] ?? null)) patch[key] = value;
  }
  return patch as AccountPatch;
}
