// Contacts' public module: the areas a tenant's directories cover, for features that act per area (urgent-help lines).
export type { ContactArea } from './domain/contacts';
export { areaNamed } from './flows';
