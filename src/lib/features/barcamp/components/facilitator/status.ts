import { m } from '$lib/paraglide/messages.js';
import type { ProposalStatus } from '../../domain';

const STATUS: Record<ProposalStatus, () => string> = {
	open: m.bcf_status_open,
	rejected: m.bcf_status_rejected,
	withdrawn: m.bcf_status_withdrawn,
	merged: m.bcf_status_merged
};

/** A proposal's status in words (open, rejected, withdrawn, merged). */
export const statusName = (s: ProposalStatus) => STATUS[s]();
