import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf, safeHref, videoEmbed } from '../../../src/lib/features/hackathon/components/links';
import { ceremonyScreen, countdownText, onPage, pageCount, stageColumns, submissions } from '../../../src/lib/features/hackathon/components/projector/model';
import type { CeremonyView, TeamView } from '../../../src/lib/features/hackathon/views';

const team = (id: string, over: Partial<TeamView> = {}): TeamView => ({
	id,
	activityId: 'a',
	name: `Team ${id}`,
	challengeId: null,
	members: [],
	stageId: 's1',
	checked: [],
	project: { title: `Project ${id}`, codeUrl: '', videoUrl: '' },
	submittedAt: null,
	createdAt: 0,
	...over
});
const stages = [
	{ id: 's1', name: 'Idea', checklist: [] },
	{ id: 's2', name: 'Prototype', checklist: [] }
];

describe('projector: countdown', () => {
	it('shows minutes and seconds under an hour, hours above, never negative, seconds rounded up', () => {
		expect(countdownText(0)).toBe('00:00');
		expect(countdownText(-5000)).toBe('00:00');
		expect(countdownText(1)).toBe('00:01');
		expect(countdownText(59_001)).toBe('01:00');
		expect(countdownText(3_600_000)).toBe('1:00:00');
		expect(countdownText(27 * 3_600_000 + 61_000)).toBe('27:01:01');
	});
});

describe('projector: teams by stage', () => {
	it('puts every team in exactly one column, a team at an unknown stage at the first', () => {
		const teams = [team('a'), team('b', { stageId: 's2' }), team('c', { stageId: 'gone' })];
		const cols = stageColumns(stages, teams);
		expect(cols.map((c) => c.teams.map((t) => t.id))).toEqual([['a', 'c'], ['b']]);
		expect(stageColumns([], teams)).toEqual([]);
	});

	it('counts submissions', () => {
		expect(submissions([team('a', { submittedAt: 5 }), team('b')])).toEqual({ n: 1, total: 2 });
	});

	it('pages show every name exactly once', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 200 }), fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), (count, perPage) => {
				const pages = pageCount(count, perPage);
				for (let i = 0; i < count; i++) {
					const on = Array.from({ length: pages }, (_, p) => onPage(i, p, perPage)).filter(Boolean).length;
					expect(on).toBe(1);
				}
			})
		);
	});
});

describe('projector: ceremony', () => {
	const teams = [team('a'), team('b'), team('c'), team('d')];
	const base: CeremonyView = { step: 0, steps: 4, revealed: [], audience: null };

	it('shows the title card at step 0 and before the ceremony starts', () => {
		expect(ceremonyScreen(null, teams, []).titleCard).toBe(true);
		expect(ceremonyScreen(base, teams, []).titleCard).toBe(true);
	});

	it('shows the newest jury place large and the earlier ones best first', () => {
		const c: CeremonyView = {
			...base,
			step: 3,
			revealed: [
				{ place: 3, teamIds: ['c', 'd'], score: -0.5 },
				{ place: 2, teamIds: ['b'], score: 0.1 },
				{ place: 1, teamIds: ['a'], score: 0.9 }
			]
		};
		const s = ceremonyScreen({ ...c, revealed: c.revealed.slice(0, 2), step: 2 }, teams, []);
		expect(s.newest?.place).toBe(2);
		expect(s.earlier.map((p) => p.place)).toEqual([3]);
		expect(s.earlier[0].shared).toBe(true);
		expect(s.earlier[0].teams.map((t) => t.name)).toEqual(['Team c', 'Team d']);
		const all = ceremonyScreen(c, teams, []);
		expect(all.newest?.place).toBe(1);
		expect(all.earlier.map((p) => p.place)).toEqual([2, 3]);
	});

	it('ends with the audience award, the jury places under it', () => {
		const s = ceremonyScreen({ ...base, step: 4, revealed: [{ place: 1, teamIds: ['a'], score: 1 }], audience: { teamIds: ['b'], votes: 12 } }, teams, []);
		expect(s.newest).toMatchObject({ kind: 'audience', votes: 12 });
		expect(s.newest?.teams[0].name).toBe('Team b');
		expect(s.earlier.map((p) => p.place)).toEqual([1]);
	});
});

describe('links', () => {
	it('names a link by its host', () => {
		expect(hostOf('https://www.github.com/x/y')).toBe('github.com');
		expect(hostOf('not a url')).toBe('');
	});

	it('makes an href only of http(s) links', () => {
		expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
		expect(safeHref('javascript:alert(1)')).toBeNull();
		expect(safeHref('data:text/html,hi')).toBeNull();
		expect(safeHref('')).toBeNull();
	});

	it('embeds YouTube (privacy-enhanced host) and Vimeo players, nothing else', () => {
		for (const u of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ', 'https://youtube.com/shorts/dQw4w9WgXcQ', 'https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=5'])
			expect(videoEmbed(u)).toEqual({ provider: 'youtube', src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', host: 'youtube-nocookie.com' });
		expect(videoEmbed('https://vimeo.com/76979871')).toEqual({ provider: 'vimeo', src: 'https://player.vimeo.com/video/76979871?dnt=1', host: 'player.vimeo.com' });
		expect(videoEmbed('https://player.vimeo.com/video/76979871')?.provider).toBe('vimeo');
		for (const u of ['https://example.org/video.mp4', 'https://www.youtube.com/watch?v=short', 'https://youtu.be/dQw4w9WgXcQ"><script>', 'javascript:alert(1)', 'https://vimeo.com/channels/staff', 'https://evil.com/youtube.com/watch?v=dQw4w9WgXcQ'])
			expect(videoEmbed(u), u).toBeNull();
	});

	it('never embeds a source outside the two players, whatever the link', () => {
		fc.assert(
			fc.property(fc.webUrl({ withQueryParameters: true }), (u) => {
				const e = videoEmbed(u);
				if (e) expect(e.src).toMatch(/^https:\/\/(www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}|player\.vimeo\.com\/video\/\d+\?dnt=1)$/);
			})
		);
	});
});
