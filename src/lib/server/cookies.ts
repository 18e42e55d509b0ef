/** The facilitator's session cookie (SvelteKit's pages and the realtime server read the same name). */
export const SESSION_COOKIE = 'plenum_session';

/** A participant's device cookie for one workshop: a random token bound to their pseudonym there. */
export const participantCookie = (workshopId: string) => `plenum_p_${workshopId}`;
