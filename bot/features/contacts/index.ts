// Contacts' public module: the areas a tenant's directories cover, for features that act per area.
export type { ContactArea } from './domain/contacts';
export { areaNamed } from './flows';
