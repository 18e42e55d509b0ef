import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Every credential as its own OB3 JSON file, in one zip (docs/ARCHITECTURE.md, "CV exports"). File names are safe on
 * every system: `<slug of the achievement's name>-<short id>.json`, ASCII letters, digits and hyphens only, unique.
 */

/** The achievement's name as lower-case ASCII words joined by hyphens (umlauts spelled out), at most 40 characters. */
export function slug(name: string): string {
	const s = name
		.replace(/ß/g, 'ss')
		.replace(/[äÄ]/g, 'ae')
		.replace(/[öÖ]/g, 'oe')
		.replace(/[üÜ]/g, 'ue')
		.replace(/[œŒ]/g, 'oe')
		.replace(/[æÆ]/g, 'ae')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 40)
		.replace(/^-+|-+$/g, '');
	return s || 'badge';
}

/** Eight letters or digits that tell credentials apart: from the credential's `id` (its address or URN), else from its bytes. */
function shortId(json: string, parsed: unknown): string {
	const id = parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string' ? (parsed as { id: string }).id : '';
	const last = id
		.replace(/\.json$/i, '')
		.split(/[/:]/)
		.pop()!
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
	return last.length >= 4 ? last.slice(0, 8) : createHash('sha256').update(json).digest('hex').slice(0, 8);
}

/**
 * A zip of the given credentials, one `<slug>-<short id>.json` file each (`-2`, `-3` appended where two would share
 * a name). `name` is the achievement's name, `json` the signed credential as served. Throws if a `json` is not
 * JSON: the caller passes what it signed, so that is a bug.
 */
export function credentialsZip(files: { name: string; json: string }[]): Uint8Array {
	const entries: Zippable = {};
	const used = new Set<string>();
	for (const file of files) {
		const parsed: unknown = JSON.parse(file.json);
		const base = `${slug(file.name)}-${shortId(file.json, parsed)}`;
		let name = `${base}.json`;
		for (let n = 2; used.has(name); n++) name = `${base}-${n}.json`;
		used.add(name);
		entries[name] = strToU8(file.json);
	}
	return zipSync(entries, { level: 6 });
}
