/** socket.io room names: one per audience of a workshop, and one per participant (their devices). */
export const rooms = {
	all: (workshopId: string) => `w:${workshopId}`,
	staff: (workshopId: string) => `w:${workshopId}:staff`,
	/** Phones in slices: a broadcast to all of them goes out one slice per turn of the event loop (see `sliceOf`). */
	participants: (workshopId: string, slice: number) => `w:${workshopId}:participants:${slice}`,
	projector: (workshopId: string) => `w:${workshopId}:projector`,
	participant: (participantId: string) => `p:${participantId}`
};

/** Slices of a workshop's phones: a tally for 1,000 phones goes out as 8 writes of 125 frames, not one of 1,000. */
export const PHONE_SLICES = 8;

/** The slice a connection belongs to (stable for the connection's life). */
export function sliceOf(connectionId: string): number {
	let h = 0;
	for (let i = 0; i < connectionId.length; i++) h = (h * 31 + connectionId.charCodeAt(i)) | 0;
	return Math.abs(h) % PHONE_SLICES;
}
