// The terminal pane's interactive shell, run for real: node-pty with /bin/sh standing in for
// PowerShell (ConPTY is Windows-only; the sessions and channels are the same code). Also who is
// offered a shell: only a host that gives one (the desktop app on Windows), never the browser mode.
import { afterEach, describe, expect, it } from 'vitest';
import { createDesktopSession } from '../../../../main/app/runs';
import { createSession } from '../../../../main/ipc/session';
import type { SessionHost } from '../../../../main/ipc/session';
import { loadNodePty, ShellSessions } from '../../../../main/shell/shell-sessions';
import type { ShellOption } from '../../../../main/shell/shell-sessions';
import type { EventChannels } from '../../../../shared/ipc/channels';

type Event = {
  [E in keyof EventChannels]: { event: E; payload: EventChannels[E] };
}[keyof EventChannels];

const spawn = loadNodePty();
const sh: ShellOption = {
  spawn: spawn!,
  spec: { file: '/bin/sh', args: [], label: 'sh' },
};
const opened: ShellSessions[] = [];

function sessions(): { s: ShellSessions; events: Event[] } {
  const events: Event[] = [];
  const s = new ShellSessions(sh, (event, payload) => events.push({ event, payload } as Event));
  opened.push(s);
  return { s, events };
}

/** All output of shell `id` so far. */
function output(events: Event[], id: number): string {
  return events
    .filter((e) => e.event === 'shell:output' && e.payload.id === id)
    .map((e) => (e.payload as EventChannels['shell:output']).data)
    .join('');
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

// Every shell must have ended before the file does: node-pty reports an exit from a native thread.
afterEach(async () => {
  for (const s of opened.splice(0)) {
    s.closeAll();
    await s.ended();
    expect(s.count).toBe(0);
  }
});

describe('interactive shell sessions', () => {
  it('loads node-pty here', () => {
    expect(spawn).toBeTypeOf('function');
  });

  it('runs what is typed and streams the output', async () => {
    const { s, events } = sessions();
    const id = s.start(80, 24);
    s.input(id, 'echo answer-$((6*7))\r');
    await until(() => output(events, id).includes('answer-42'), 'the echo');
  });

  it('resizes the terminal the shell sees', async () => {
    const { s, events } = sessions();
    const id = s.start(80, 24);
    s.resize(id, 132, 43);
    s.input(id, 'stty size\r');
    await until(() => output(events, id).includes('43 132'), 'stty size');
  });

  it('reports the end of a shell, and forgets it', async () => {
    const { s, events } = sessions();
    const id = s.start(80, 24);
    s.input(id, 'exit 3\r');
    await until(() => events.some((e) => e.event === 'shell:exit'), 'the exit');
    expect(events.find((e) => e.event === 'shell:exit')?.payload).toEqual({ id, exitCode: 3 });
    expect(s.count).toBe(0);
    expect(() => s.input(id, 'x')).toThrow(/No open shell/);
  });

  it('refuses bad sizes, oversized or non-text input, unknown ids, and too many shells', async () => {
    const { s, events } = sessions();
    expect(() => s.start(0, 24)).toThrow(/Bad terminal size/);
    expect(() => s.start(80.5, 24)).toThrow(/Bad terminal size/);
    expect(() => s.start('80', 24)).toThrow(/Bad terminal size/);
    const id = s.start(80, 24);
    expect(() => s.resize(id, 80, 100_000)).toThrow(/Bad terminal size/);
    expect(() => s.input(id, 'x'.repeat(64 * 1024 + 1))).toThrow(/at most 64 KiB/);
    expect(() => s.input(id, { toString: () => 'ls' })).toThrow(/must be text/);
    expect(() => s.input(999, 'ls')).toThrow(/No open shell 999/);
    s.start(80, 24);
    s.start(80, 24);
    s.start(80, 24);
    expect(() => s.start(80, 24)).toThrow(/At most 4 shells/);
    s.closeAll();
    expect(s.count).toBe(0);
    // Killed shells still report their end, and `ended` waits for all of them.
    await s.ended();
    expect(events.filter((e) => e.event === 'shell:exit')).toHaveLength(4);
  });
});

describe('shell channels', () => {
  function host(extra: Partial<SessionHost>): SessionHost {
    return {
      mode: 'electron',
      version: 'test',
      demoBundle: '/nonexistent',
      dbPath: null,
      emit: () => {},
      ...extra,
    };
  }

  it('offers no shell in the browser mode, off Windows, or without node-pty', async () => {
    const cases: [Partial<SessionHost>, string][] = [
      [{ mode: 'browser', platform: 'win32' }, 'browser-mode'],
      // Even given one, the browser mode never offers it.
      [{ mode: 'browser', platform: 'win32', shell: sh }, 'browser-mode'],
      [{ platform: 'linux' }, 'not-windows'],
      [{ platform: 'win32' }, 'no-pty'],
    ];
    for (const [extra, reason] of cases) {
      const { handlers } = createSession(host(extra));
      expect(await handlers['shell:info'](null)).toEqual({
        available: false,
        label: null,
        elevated: null,
        reason,
      });
      await expect(handlers['shell:start']({ cols: 80, rows: 24 })).rejects.toThrow(
        `No interactive shell here (${reason})`,
      );
    }
  });

  it('starts, feeds, resizes and stops the host’s shell', async () => {
    const events: Event[] = [];
    const session = createSession(
      host({ shell: sh, emit: (event, payload) => events.push({ event, payload } as Event) }),
    );
    const h = session.handlers;
    expect(await h['shell:info'](null)).toEqual({
      available: true,
      label: 'sh',
      elevated: null,
      reason: null,
    });
    const { id } = await h['shell:start']({ cols: 80, rows: 24 });
    await h['shell:resize']({ id, cols: 100, rows: 30 });
    await h['shell:input']({ id, data: 'stty size\r' });
    await until(() => output(events, id).includes('30 100'), 'stty size');
    await h['shell:stop']({ id });
    await until(() => events.some((e) => e.event === 'shell:exit'), 'the exit');
    const second = await h['shell:start']({ cols: 80, rows: 24 });
    await session.closeShells();
    expect(events.filter((e) => e.event === 'shell:exit').map((e) => e.payload.id)).toEqual([
      id,
      second.id,
    ]);
    await expect(h['shell:input']({ id: second.id, data: 'ls\r' })).rejects.toThrow(
      /No open shell/,
    );
  });
});

describe('quitting the desktop app', () => {
  it('waits for the shells to end, then quits once', async () => {
    const events: Event[] = [];
    const desktop = createDesktopSession(
      {
        mode: 'electron',
        version: 'test',
        demoBundle: '/nonexistent',
        dbPath: null,
        shell: sh,
        emit: (event, payload) => events.push({ event, payload } as Event),
      },
      () => {},
    );
    const { id } = await desktop.handlers['shell:start']({ cols: 80, rows: 24 });
    let prevented = 0;
    let quits = 0;
    const event = { preventDefault: () => void prevented++ };
    desktop.beforeQuit(event, () => {
      quits++;
      desktop.beforeQuit(event, () => quits++);
    });
    expect(prevented).toBe(1);
    await until(() => quits === 1, 'the quit');
    expect(events.filter((e) => e.event === 'shell:exit').map((e) => e.payload.id)).toEqual([id]);
    // The second before-quit (from the quit itself) lets the app go.
    expect(prevented).toBe(1);
  });
});
