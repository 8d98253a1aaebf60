// Contacts' public module: the areas a tenant's directories cover, for features that act per area.
export type { ContactArea } from './domain/contacts';
export { areaNamed } from './flows';
// What `contacts import` reads a file with, for loaders that must write exactly what an import writes (the demo area).
export { parseContactFile } from './domain/contactFile';
export { checkContactRows } from './domain/contacts';
