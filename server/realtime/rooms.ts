/** socket.io room names: one per audience of a workshop, and one per participant (their devices). */
export const rooms = {
	all: (workshopId: string) => `w:${workshopId}`,
	staff: (workshopId: string) => `w:${workshopId}:staff`,
	participants: (workshopId: string) => `w:${workshopId}:participants`,
	projector: (workshopId: string) => `w:${workshopId}:projector`,
	participant: (participantId: string) => `p:${participantId}`
};
