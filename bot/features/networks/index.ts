// Networks' public module: which network a conversation is, and what scheduled sources over networks share.
export { activeNetworksOf, bankHolidaysOf, networkTarget, type NetworkWithCalendars } from './activeNetworks';
export { networkHere, networkHomeOf } from './networkHere';
export { networkIdOf, type Network } from './domain/networks';
// The prompt plan `network create` gives a new network, for loaders that create one the same way (the demo area).
export { DEFAULT_PLAN as DEFAULT_PROMPT_PLAN } from './commands/network';
