// The demo's badge path, through the same forms and sockets a browser uses: an organisation, a short sample workshop
// run for it, one phone that posts ideas and votes, the workshop closed, the pending badges confirmed, the badges
// taken home into a new backpack, a CV share link made. Returns what the demo prints.
import { command, connectSocket, httpJoin, newKey, type PlenumSocket } from './clients';
import { Facilitator } from './facilitator';

/** A form POST as a browser without scripts sends it; repeated keys allowed. Redirects are not followed. */
async function post(url: string, fields: [string, string][], cookie?: string) {
	const body = new URLSearchParams(fields).toString();
	const res = await fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		body
	});
	return { status: res.status, location: res.headers.get('location'), cookies: res.headers.getSetCookie().map((c) => c.split(';')[0]), body: await res.text() };
}

async function get(url: string, cookie?: string) {
	const res = await fetch(url, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
	return await res.text();
}

async function cmd(socket: PlenumSocket, name: string, payload: Record<string, unknown>) {
	const r = await command(socket, name as never, name === 'session:hello' ? payload : { key: newKey('d'), ...payload });
	if (!r.ok) throw new Error(`${name}: ${String(r.error)}`);
	return r.data as Record<string, any>;
}

export async function badgePath(url: string, facCookie: string) {
	// 1. The organisation (its key and starter achievements are made with it).
	const org = await post(`${url}/f/orgs?/create`, [['name', 'STEM-Netzwerk Nord'], ['url', 'https://stem-nord.example'], ['description', 'BarCamps, Hackathons und Co-Creation für Jugendliche']], facCookie);
	const orgId = /\/f\/orgs\/([A-Za-z0-9_-]+)/.exec(org.location ?? '')?.[1];
	if (!orgId) throw new Error(`organisation: HTTP ${org.status}`);
	// 2. A short workshop run for it.
	const ws = await post(`${url}/f?/create`, [['title', 'Badges sample: Zukunftswerkstatt'], ['locale', 'de'], ['organisation', orgId]], facCookie);
	const workshopId = /\/f\/w\/([A-Za-z0-9_-]+)/.exec(ws.location ?? '')?.[1];
	if (!workshopId) throw new Error(`workshop: HTTP ${ws.status}`);
	const fac = await Facilitator.of(url, facCookie, workshopId);
	const { workshop, board } = await fac.meta();
	// 3. One phone: joins, posts three ideas, votes.
	const phone = await httpJoin(url, workshop.code, 'Ada');
	if (!phone.ok) throw new Error(`join: ${phone.reason}`);
	const ada = await connectSocket(url, { workshopId, as: 'participant' }, { cookie: phone.cookie });
	await cmd(ada, 'session:hello', {});
	const cards: string[] = [];
	for (const text of ['Robotik-AG am Nachmittag', 'Lötkurs für Anfänger', 'Ein Schulgarten mit Sensoren']) cards.push(String((await cmd(ada, 'card:create', { boardId: board.id, text })).card.id));
	for (const phase of ['reveal', 'group', 'vote']) await fac.cmd('activity:phase', { activityId: board.id, phase });
	for (const id of cards) await cmd(ada, 'vote:cast', { boardId: board.id, itemId: id, delta: 1 });
	await fac.cmd('workshop:close', {});
	ada.disconnect();
	fac.close();
	// 4. The facilitator confirms every pending badge (the list ticks the standard ones; the demo ticks all).
	const pending = await get(`${url}/f/w/${workshopId}/badges`, facCookie);
	const awards = [...pending.matchAll(/name="award" value="([A-Za-z0-9_-]+)"/g)].map((m) => m[1]);
	const confirmed = await post(`${url}/f/w/${workshopId}/badges?/confirm`, awards.map((a) => ['award', a] as [string, string]), facCookie);
	if (confirmed.status !== 200) throw new Error(`confirm: HTTP ${confirmed.status}`);
	// 5. Ada takes them home: a new backpack, its code shown once.
	const home = await post(`${url}/w/${workshopId}/badges`, [], phone.cookie);
	const backpack = home.cookies.find((c) => c.startsWith('plenum_backpack='));
	const codeHtml = /<code class="code[^"]*">([\s\S]*?)<\/code>/.exec(home.body)?.[1];
	const recovery = codeHtml?.replace(/<[^>]*>/g, '').replace(/<!---->/g, '');
	if (!backpack) throw new Error(`take home: HTTP ${home.status}`);
	// 6. A CV share link of everything, and the address of one credential.
	const cv = await get(`${url}/backpack`, backpack);
	const creds = [...new Set([...cv.matchAll(/href="[^"]*\/credentials\/([A-Za-z0-9-]+)"/g)].map((m) => m[1]))];
	const share = await post(`${url}/backpack?/share`, [...creds.map((c) => ['credential', c] as [string, string]), ['days', '30']], backpack);
	const link = /<a href="([^"]+\/cv\/[A-Za-z0-9_-]+)"/.exec(share.body)?.[1];
	return { orgId, workshopId, awards: awards.length, recovery: recovery ?? null, shareLink: link ?? null, credential: creds[0] ? `${url}/credentials/${creds[0]}` : null, backpackCookie: backpack };
}
