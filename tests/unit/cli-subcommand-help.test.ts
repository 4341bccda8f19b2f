// Each subcommand has its own --help (issue 13): cut from its group's usage, so the two cannot
// disagree. Every subcommand a group lists gets a help naming it, holding its own entry and none of
// the others, and the group's shared part (connection, exit codes).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subcommandHelp } from '../../src/cli/cli-support.ts';
import { auditUsage } from '../../src/cli/audit-command.ts';
import { deadLettersUsage } from '../../src/cli/deadletters-command.ts';
import { regieUsage } from '../../src/cli/regie-command.ts';
import { scheduleUsage } from '../../src/cli/schedule-command.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';

const groups: Record<string, { usage: string; subcommands: string[] }> = {
  audit: { usage: auditUsage, subcommands: ['verify', 'export', 'key', 'prove', 'verify-receipt'] },
  deadletters: { usage: deadLettersUsage, subcommands: ['list', 'replay', 'discard'] },
  regie: { usage: regieUsage, subcommands: ['lookup', 'register', 'handover', 'accept', 'decline', 'end', 'history'] },
  schedule: { usage: scheduleUsage, subcommands: ['list', 'add', 'change', 'run', 'pause', 'resume', 'delete', 'runs'] },
};

describe('a subcommand\'s own help', () => {
  for (const [group, { usage, subcommands }] of Object.entries(groups)) {
    it(`when each subcommand of ${group} asks for --help, then it gets its own entry and the group's shared part, not the other entries`, () => {
      for (const sub of subcommands) {
        const help = subcommandHelp(usage, sub);
        expect(help, `${group} ${sub}`).toBeDefined();
        expect(help).toMatch(new RegExp(`^usage: ketenpoort ${group} ${sub} \\[options\\]\\n\\n {2}(\\S+ .*\\| )?${sub}\\b`));
        expect(help).toContain('connection: --url URL');
        for (const other of subcommands.filter((o) => o !== sub && !help!.split('\n')[2]!.includes(o))) {
          expect(help!.split('\n').some((line) => line.startsWith(`  ${other} `) || line === `  ${other}`), `${group} ${sub} shows ${other}`).toBe(false);
        }
      }
    });
  }

  it('when a group has no such subcommand, then there is no own help (the group usage is printed instead)', () => {
    expect(subcommandHelp(scheduleUsage, 'nope')).toBeUndefined();
  });

  it('when `ketenpoort schedule add --help` runs, then it prints the add entry only and exits 0', () => {
    const result = spawnSync(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'schedule', 'add', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(subcommandHelp(scheduleUsage, 'add'));
    expect(result.stdout).not.toContain('runs SCHEDULE');
  });
});
