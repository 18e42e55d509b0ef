/**
 * A facilitator is either the workshop's owner or a co-facilitator who joined through the invite link. A juror holds a
 * hackathon's revocable jury link (no account) and sends only the jury's commands, from the jury page over HTTP.
 */
export type AccessRole = 'owner' | 'cofacilitator' | 'participant' | 'projector' | 'juror';

/** The workshop's facilitators: the owner and the co-facilitators. */
export const STAFF = ['owner', 'cofacilitator'] as const satisfies readonly AccessRole[];
