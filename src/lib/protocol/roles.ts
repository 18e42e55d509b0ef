/** A facilitator is either the workshop's owner or a co-facilitator who joined through the invite link. */
export type AccessRole = 'owner' | 'cofacilitator' | 'participant' | 'projector';

/** The workshop's facilitators: the owner and the co-facilitators. */
export const STAFF = ['owner', 'cofacilitator'] as const satisfies readonly AccessRole[];
