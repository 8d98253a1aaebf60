// Roles' public module: the roles there are and who may see what (the access checks themselves are `services.access`).
export { canSee, hasRole, type Role } from './domain/roles';
