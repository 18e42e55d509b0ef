/**
 * The generated default image of an achievement: a hexagon (a micro-degree: a star-like 12-gon) in a colour taken
 * from its name, with the name's initials. The same drawing serves the pages (BadgeImage.svelte) and the credential's
 * `achievement.image` (`/orgs/<org>/achievements/<id>.svg`).
 */
export function badgeArt(name: string, kind: 'badge' | 'degree') {
	let h = 2166136261;
	for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
	const hue = h % 360;
	const words = name.trim().split(/\s+/).filter(Boolean);
	const initials = (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2)).toUpperCase();
	const sides = kind === 'degree' ? 12 : 6;
	const points = Array.from({ length: sides }, (_, i) => {
		const a = (Math.PI * 2 * i) / sides - Math.PI / 2;
		const r = kind === 'degree' && i % 2 === 1 ? 41 : 48;
		return `${(50 + r * Math.cos(a)).toFixed(1)},${(50 + r * Math.sin(a)).toFixed(1)}`;
	}).join(' ');
	return { fill: `hsl(${hue} 62% 38%)`, ring: `hsl(${hue} 70% 82%)`, initials, points };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The image as an SVG document. */
export function badgeSvg(name: string, kind: 'badge' | 'degree'): string {
	const a = badgeArt(name, kind);
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="256" height="256" role="img"><title>${escapeXml(name)}</title><polygon points="${a.points}" fill="${a.fill}" stroke="${a.ring}" stroke-width="4"/><text x="50" y="50" dy="0.35em" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="30" font-weight="700" fill="#fff">${escapeXml(a.initials)}</text></svg>`;
}
