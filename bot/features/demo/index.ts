// The demo area's public module: what `npm run dev` loads into empty storage, and its names for tests and the README.
export { loadDemoArea, type DemoLoad } from './loadDemo';
export { DEMO_AREA, DEMO_COHORT_NAME, DEMO_NETWORK_NAME, PLAYGROUND } from './demoArea';
