// Contacts' public module: the areas a tenant's directories cover, for features that act per area.
export type { ContactArea } from './contactRepository';
export { areaNamed } from './flows';
