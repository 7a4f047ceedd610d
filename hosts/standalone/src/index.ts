export { startStandalone, startBanner, type Standalone, type StandaloneOptions } from './standalone.js';
export { ensureDevCredentials, type DevCredentials } from './dev-credentials.js';
