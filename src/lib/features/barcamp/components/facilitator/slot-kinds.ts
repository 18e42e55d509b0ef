import { m } from '$lib/paraglide/messages.js';
import type { SlotKind } from '../../domain';

const KINDS: Record<SlotKind, () => string> = {
	sessions: m.bcf_kind_sessions,
	break: m.bcf_kind_break,
	common: m.bcf_kind_common
};

/** The name of a slot's kind (sessions, break, common event). */
export const kindName = (k: SlotKind) => KINDS[k]();
