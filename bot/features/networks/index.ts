// Networks' public module: which network a conversation is, and what scheduled sources over networks share.
export { activeNetworksOf, bankHolidaysOf, networkTarget, type NetworkWithCalendars } from './activeNetworks';
export { networkHere, networkHomeOf } from './networkHere';
export { networkIdOf, type Network } from './domain/networks';
