// The collection context: a collector that throws costs its own artifact only, outputs are hashed
// as written, manifest order is collector order, and the process limit holds.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CollectContext,
  DEFAULT_LIMITS,
  overall,
} from '../../../../../main/acquire/windows/collect-context';
import type { CollectProgress } from '../../../../../main/acquire/windows/collect-context';
import { defaultToolMap, Executor } from '../../../../../main/acquire/windows/executor';
import { mappedHostPaths } from '../../../../../main/acquire/windows/host-paths';

function context(concurrency = 2) {
  const root = mkdtempSync(path.join(tmpdir(), 'ndes-ctx-'));
  const events: CollectProgress[] = [];
  const ctx = new CollectContext(
    new Executor(defaultToolMap({}), 'linux'),
    root,
    mappedHostPaths(root, {
      SystemRoot: 'C:\\Windows',
      SystemDrive: 'C:',
      ProgramFiles: 'C:\\Program Files',
      ProgramData: 'C:\\ProgramData',
    }),
    {
      days: 14,
      logCapBytes: 1024,
      concurrency,
      limits: DEFAULT_LIMITS,
      now: () => new Date('2026-11-20T09:14:03Z'),
    },
    undefined,
    (e) => events.push(e),
  );
  return { ctx, root, events };
}

describe('CollectContext', () => {
  it('turns a throwing collector into an error entry for its artifact and goes on', async () => {
    const { ctx, events } = context();
    ctx.total = 2;
    await ctx.task('commands/broken.json', async () => {
      throw new Error('boom');
    });
    await ctx.task('commands/fine.txt', async () => {
      writeFileSync(await ctx.file('commands/fine.txt'), 'abc');
      await ctx.record(1, {
        path: 'commands/fine.txt',
        kind: 'command',
        source: 'x',
        status: 'ok',
      });
      return 'ok';
    });
    expect(ctx.artifacts()).toEqual([
      {
        path: 'commands/fine.txt',
        kind: 'command',
        source: 'x',
        status: 'ok',
        sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        bytes: 3,
      },
      {
        path: 'commands/broken.json',
        kind: 'collector',
        status: 'error',
        error: 'collector failed: boom',
      },
    ]);
    expect(events.map((e) => [e.artifact, e.phase, e.status, e.completed])).toEqual([
      ['commands/broken.json', 'start', undefined, 0],
      ['commands/broken.json', 'done', 'error', 1],
      ['commands/fine.txt', 'start', undefined, 1],
      ['commands/fine.txt', 'done', 'ok', 2],
    ]);
  });

  it('never runs more than `concurrency` jobs at once', async () => {
    const { ctx } = context(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 20));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('rolls statuses up for a collector with several artifacts', () => {
    expect(overall([])).toBe('absent');
    expect(overall(['ok', 'ok'])).toBe('ok');
    expect(overall(['ok', 'skipped'])).toBe('ok');
    expect(overall(['ok', 'error'])).toBe('error');
    expect(overall(['skipped', 'skipped'])).toBe('skipped');
  });
});
