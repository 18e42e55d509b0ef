/** Content types a browser may send cross-site without asking first (a plain HTML form can). */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Whether a request is a form submission from another site, to be refused. A form post must carry an `Origin` that
 * is one of the configured origins (`ORIGIN`, comma-separated) or, when none is configured, the request's own
 * origin; a form post without `Origin` is refused too, as SvelteKit's own check (which knows one origin only) did.
 */
export function isCrossSiteForm(request: Request, ownOrigin: string, allowedOrigins: readonly string[]): boolean {
	if (!UNSAFE_METHODS.includes(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = request.headers.get('origin');
	if (!origin) return true;
	return allowedOrigins.length > 0 ? !allowedOrigins.includes(origin) : origin !== ownOrigin;
}
