import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/** The violations dependency-cruiser finds with the project's rule in a folder laid out like the project. */
function violations(cwd: string): string[] {
	let out: string;
	try {
		out = execFileSync(BIN, ['server', 'src/lib', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	} catch (e) {
		// depcruise exits non-zero when it finds errors; the report is on stdout all the same.
		out = (e as { stdout: string }).stdout;
	}
	const report = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
	return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('the import rule of the module seam (.dependency-cruiser.cjs)', () => {
	it('catches the core (the badge rules too) importing a module, a module importing another (on both sides) and a cycle at run time, and nothing else (not a type-only cycle)', () => {
		expect(violations(path.join(ROOT, 'tests/fixtures/import-rule'))).toEqual([
			'core-imports-no-module: server/realtime/core-imports-module.ts -> server/features/board/x.ts',
			'core-imports-no-module: src/lib/badges/rules.ts -> src/lib/features/board/spec.ts',
			'core-imports-no-module: src/lib/realtime/room.ts -> src/lib/features/board/spec.ts',
			'module-imports-no-other-module: server/features/barcamp/imports-other-module.ts -> server/features/board/x.ts',
			'module-imports-no-other-module: src/lib/features/barcamp/spec.ts -> src/lib/features/board/spec.ts',
			'no-runtime-circular: server/realtime/cycle-a.ts -> server/realtime/cycle-b.ts'
		]);
	});
});
