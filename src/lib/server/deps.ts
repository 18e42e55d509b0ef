/** The only door from SvelteKit's server code into server/: the process-wide dependencies. */
export { getDeps } from '../../../server/deps-registry';
export type { Deps } from '../../../server/deps';
