// Log selection: newest first, only the window, and a size cap whose overflow is skipped with a
// reason (never silently dropped).
import { describe, expect, it } from 'vitest';
import { selectLogs } from '../../../../../main/acquire/windows/log-files';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T09:14:03Z');
const MB = 1024 * 1024;

const file = (name: string, daysAgo: number, mb: number) => ({
  name,
  size: mb * MB,
  mtimeMs: NOW - daysAgo * DAY,
});

describe('selectLogs', () => {
  const files = [
    file('u_ex261101.log', 19, 10),
    file('u_ex261118.log', 2, 10),
    file('u_ex261120.log', 0, 10),
    file('u_ex261119.log', 1, 10),
    file('u_ex261110.log', 10, 10),
  ];

  it('takes in-window files newest first and leaves older ones out', () => {
    const s = selectLogs(files, NOW - 14 * DAY, 500 * MB, 14);
    expect(s.take.map((f) => f.name)).toEqual([
      'u_ex261120.log',
      'u_ex261119.log',
      'u_ex261118.log',
      'u_ex261110.log',
    ]);
    expect(s.skip).toEqual([]);
    expect(s.older).toBe(1);
  });

  it('skips what does not fit the cap, with the reason, and everything older after it', () => {
    const s = selectLogs([...files, file('u_ex261117.log', 3, 1)], NOW - 14 * DAY, 25 * MB, 14);
    expect(s.take.map((f) => f.name)).toEqual(['u_ex261120.log', 'u_ex261119.log']);
    expect(s.skip.map((x) => x.file.name)).toEqual([
      'u_ex261118.log',
      'u_ex261117.log',
      'u_ex261110.log',
    ]);
    expect(s.skip[0]?.reason).toBe(
      'log size cap (25 MB) reached; newer files of the last 14 days were collected first',
    );
  });

  it('skips even the newest file when it alone is over the cap', () => {
    const s = selectLogs([file('u_ex261120.log', 0, 600)], NOW - 14 * DAY, 500 * MB, 14);
    expect(s.take).toEqual([]);
    expect(s.skip).toHaveLength(1);
  });
});
