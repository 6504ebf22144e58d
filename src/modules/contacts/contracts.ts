import { z } from 'zod';
import { ContactRoles, ContactStatuses } from '../../domain/enums.js';
import { Cursor, Id, IsoDate, Limit, optionalText, page, queryList } from '../../domain/schemas.js';
import { Email } from '../workspaces/contracts.js';

/** Fields a person or a system may set on a contact (without create-time defaults, so that a patch never resets them). */
const ContactFieldsBase = z.object({
  accountId: Id,
  name: z.string().trim().min(1, 'is required').max(200),
  /** The id other systems use for this person (e.g. Segment's userId); unique per workspace. */
  externalId: optionalText(200),
  email: Email.nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  title: optionalText(200),
  phone: optionalText(50),
  roles: z.array(ContactRoles.schema).max(ContactRoles.values.length),
  status: ContactStatuses.schema,
  /** The date the person left the company; required when status is "left", cleared when "active". */
  leftOn: IsoDate.nullable().optional(),
});
export const ContactFields = ContactFieldsBase.extend({
  roles: ContactFieldsBase.shape.roles.default([]),
  status: ContactFieldsBase.shape.status.default('active'),
});
export const ContactCreate = ContactFields;
export type ContactCreate = z.infer<typeof ContactCreate>;
export const ContactPatch = ContactFieldsBase.partial();
export type ContactPatch = z.infer<typeof ContactPatch>;

export const Contact = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(ContactRoles.schema),
  status: ContactStatuses.schema,
  leftOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const contactSorts = ['name', 'createdAt', 'updatedAt'] as const;

export const ContactFilters = z.object({
  accountId: Id.optional(),
  q: z.string().trim().max(200).optional(),
  /** Contacts holding any of these roles. */
  role: queryList(ContactRoles.schema),
  status: ContactStatuses.schema.optional(),
});
export type ContactFilters = z.infer<typeof ContactFilters>;

export const ContactListQuery = ContactFilters.extend({
  sort: z
    .string()
    .regex(new RegExp(`^-?(${contactSorts.join('|')})$`), `must be one of ${contactSorts.join(', ')}, with - in front for descending`)
    .default('name'),
  limit: Limit,
  cursor: Cursor,
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = page(Contact);
export type ContactPage = z.infer<typeof ContactPage>;
