/** A link's host as people read it ("github.com", not "https://www.github.com/..."), or '' when it is no URL. */
export function hostOf(url: string): string {
	try {
		return new URL(url).hostname.replace(/^www\./, '');
	} catch {
		return '';
	}
}

/** A video a viewer may choose to play in the page: the player's address and the host it loads from. */
export interface VideoEmbed {
	provider: 'youtube' | 'vimeo';
	/** The player's address (YouTube's privacy-enhanced host; Vimeo's player with tracking off). */
	src: string;
	/** Where the player loads from, to say so before anything loads. */
	host: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

/**
 * The embeddable player for a YouTube or Vimeo link (watch, short, embed and youtu.be addresses; vimeo.com/<id> and
 * player.vimeo.com/video/<id>), or null for any other link (which stays a plain link). Only http(s) links with a
 * well-formed video id are taken.
 */
export function videoEmbed(url: string): VideoEmbed | null {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return null;
	}
	if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
	const host = u.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
	const parts = u.pathname.split('/').filter(Boolean);
	let yt: string | null = null;
	if (host === 'youtu.be') yt = parts[0] ?? null;
	else if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'music.youtube.com') {
		if (parts[0] === 'watch') yt = u.searchParams.get('v');
		else if (parts[0] === 'shorts' || parts[0] === 'embed' || parts[0] === 'live') yt = parts[1] ?? null;
	}
	if (yt !== null) return YOUTUBE_ID.test(yt) ? { provider: 'youtube', src: `https://www.youtube-nocookie.com/embed/${yt}`, host: 'youtube-nocookie.com' } : null;
	let vimeo: string | null = null;
	if (host === 'vimeo.com') vimeo = parts[0] ?? null;
	else if (host === 'player.vimeo.com' && parts[0] === 'video') vimeo = parts[1] ?? null;
	if (vimeo !== null) return VIMEO_ID.test(vimeo) ? { provider: 'vimeo', src: `https://player.vimeo.com/video/${vimeo}?dnt=1`, host: 'player.vimeo.com' } : null;
	return null;
}

/** The link itself when it is an http(s) URL (what the server stores), else null: nothing else becomes an href. */
export function safeHref(url: string): string | null {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
	} catch {
		return null;
	}
}
