import type { ServerModule } from '../realtime/modules';
import { boardModule } from './board';
import { barcampModule } from './barcamp';
import { hackathonModule } from './hackathon';

/**
 * The server's registry of activity types: one line per module (the shared half is src/lib/features/index.ts).
 * The process entry (server/index.ts, server/dev.ts) and the tests pass this list into the core.
 */
export const SERVER_MODULES: readonly ServerModule[] = [boardModule as unknown as ServerModule, barcampModule as unknown as ServerModule, hackathonModule as unknown as ServerModule];
