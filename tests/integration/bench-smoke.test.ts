// A smoke run of the load benchmark (a few dozen clients, a few seconds): it keeps the harness from rotting.
// It asserts correctness only (reach, convergence, budgets, every star and every grid arrived, no errors), never a timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, runBench } from '../../bench/run';
import { removeTemporaryFiles } from '../../bench/lib/servers';
import type { Report } from '../../bench/lib/report';

describe('bench smoke run', () => {
	let report: Report;

	beforeAll(async () => {
		ensureBuild();
		report = await runBench({ mode: 'smoke', only: ['floor', 'room', 'coedit', 'restart', 'barcamp', 'hackathon'], workers: 2, quiet: true, noBuild: true, chromium: null });
	}, 300_000);

	afterAll(() => removeTemporaryFiles());

	it('ran without errors', () => {
		expect(report.errors).toEqual([]);
		for (const r of report.results) expect(r.errors, `${r.scenario} (${r.system})`).toEqual([]);
	});

	it('joins every phone through the real join flow', () => {
		const join = report.results.find((r) => r.scenario === 'join storm' && r.system === 'plenum')!;
		expect(join.counts.failed).toBe(0);
		expect(join.reach).toBe(1);
	});

	it('delivers every card to every replica and the replicas converge', () => {
		const cards = report.results.find((r) => r.scenario === 'card storm' && r.system === 'plenum')!;
		expect(cards.counts.notAcked).toBe(0);
		expect(cards.counts.lostAcked).toBe(0);
		expect(cards.reach).toBe(1);
		expect(cards.counts.fullReplicasConverged).toBe(cards.counts.fullReplicas);
		expect(cards.counts.replicasComplete).toBe(cards.counts.replicas);
		const relay = report.results.find((r) => r.scenario === 'card storm' && r.system === 'bare-relay')!;
		expect(relay.reach).toBe(1);
	});

	it('counts every vote exactly once and holds the budget', () => {
		const votes = report.results.find((r) => r.scenario === 'vote burst' && r.system === 'plenum')!;
		expect(votes.counts.lost).toBe(0);
		expect(votes.counts.doubleCounted).toBe(0);
		expect(votes.counts.budgetHeld).toBe('yes');
		expect(votes.counts.projectorFinalTally).toBe(votes.counts.acked);
		expect(votes.counts.storedTotal).toBe(votes.counts.acked);
		expect(votes.counts.phonesWithoutFinalTally).toBe(0);
		expect(votes.reach).toBe(1);
	});

	it('delivers every text edit to every other editor, and each text converges', () => {
		for (const system of ['plenum', 'bare-yws'] as const) {
			const co = report.results.find((r) => r.scenario === 'co-editing' && r.system === system)!;
			expect(co.reach, system).toBe(1);
			expect(co.counts.texts, system).toBeGreaterThan(0);
			expect(co.counts.textsConverged, system).toBe(co.counts.texts);
		}
	});

	it('loses no acknowledged write across kill -9 and resyncs every client', () => {
		const restart = report.results.find((r) => r.scenario === 'restart')!;
		expect(restart.counts.lostAcked).toBe(0);
		expect(restart.counts.acked).toBe(restart.counts.writes);
		expect(restart.counts.notResynced).toBe(0);
		expect(restart.counts.fullReplicasConverged).toBe(restart.counts.fullReplicas);
	});

	it("BarCamp: every star reaches the facilitator's tally, every phone gets the published grid and the 20 moved sessions", () => {
		const storm = report.results.find((r) => r.scenario === 'barcamp interest storm')!;
		expect(storm.counts.acked).toBe(storm.counts.stars);
		expect(storm.counts.stored).toBe(storm.counts.stars);
		expect(storm.counts.lost).toBe(0);
		expect(storm.counts.doubleCounted).toBe(0);
		expect(storm.counts.finalTally).toBe(storm.counts.stars);
		expect(storm.counts.proposalsWithWrongFinalTally).toBe(0);
		expect(storm.counts.voters).toBe(storm.size.participants);
		expect(storm.reach).toBe(1);
		const publish = report.results.find((r) => r.scenario === 'barcamp publish')!;
		expect(publish.counts.phonesWithGrid).toBe(publish.counts.phones);
		expect(publish.reach).toBe(1);
		const move = report.results.find((r) => r.scenario === 'barcamp move')!;
		expect(move.counts.sessionsMoved).toBe(20);
		expect(move.counts.refused).toBe(0);
		expect(move.counts.staffGridAsSent).toBe('yes');
		expect(move.counts.phonesWithStaffGrid).toBe(move.counts.phones);
		expect(move.reach).toBe(1);
	});

	it('Hackathon: every phone ends in a team, no team ever over its limit, every audience vote counted once', () => {
		const storm = report.results.find((r) => r.scenario === 'hackathon team storm')!;
		expect(storm.counts.neverOverLimit).toBe('yes');
		expect(storm.counts.largestTeamInDb).toBe(storm.size.maxTeamSize);
		expect(storm.counts.membersAtEnd).toBe(storm.size.participants);
		expect(storm.counts.fullTeams).toBe(storm.size.teams);
		expect(storm.counts.otherErrors).toBe(0);
		expect(storm.reach).toBe(1);
		const vote = report.results.find((r) => r.scenario === 'hackathon audience vote')!;
		expect(vote.counts.acked).toBe(vote.counts.votes);
		expect(vote.counts.stored).toBe(vote.counts.votes);
		expect(vote.counts.lost).toBe(0);
		expect(vote.counts.doubleCounted).toBe(0);
		expect(vote.counts.votesOnAnotherTeam).toBe(0);
		expect(vote.counts.finalTally).toBe(vote.counts.votes);
		expect(vote.counts.voters).toBe(vote.size.participants);
		expect(vote.reach).toBe(1);
	});
});
