/** What a verification says about a credential (the server's check, shown by VerifyReport.svelte): each check, and the problems as stable codes. */
export interface VerifyReport {
	verified: boolean;
	proof: 'ok' | 'failed';
	issuer: 'ok' | 'mismatch' | 'unknown';
	validity: 'ok' | 'not_yet' | 'expired';
	status: 'active' | 'revoked' | 'unknown';
	problems: string[];
	/** What the credential says, for the page (null when it could not be read). */
	summary: { name: string; issuerName: string; issuerId: string; issuerUrl: string | null; validFrom: string; achievement: string; criteria: string } | null;
}
