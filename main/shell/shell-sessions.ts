// The terminal pane's interactive shell: PowerShell in a pseudo-terminal (ConPTY on Windows, through
// node-pty), started by the main process with an absolute path and an argument array, its output
// sent to our window only. The renderer can type into it, resize it and close it; nothing else.
import os from 'node:os';
import type * as NodePty from 'node-pty';
import type { EventChannels } from '../../shared/ipc/channels';

/** The part of a node-pty process the sessions use. */
export interface PtyProcess {
  readonly pid: number;
  onData(cb: (data: string) => void): { dispose(): void };
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(): void;
}

export interface PtyOptions {
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

export type SpawnPty = (file: string, args: string[], opts: PtyOptions) => PtyProcess;

/** The program the pane runs. */
export interface ShellSpec {
  file: string;
  args: string[];
  /** What the pane's tab calls it. */
  label: string;
}

export interface ShellOption {
  spawn: SpawnPty;
  spec: ShellSpec;
}

type Emit = <E extends keyof EventChannels>(event: E, payload: EventChannels[E]) => void;

/** Bounds of what the renderer may ask for. */
export const SHELL_LIMITS = {
  maxSessions: 4,
  maxInput: 64 * 1024,
  cols: [2, 1000],
  rows: [1, 500],
} as const;

function size(cols: unknown, rows: unknown): { cols: number; rows: number } {
  const ok = (v: unknown, [lo, hi]: readonly [number, number]) =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  if (!ok(cols, SHELL_LIMITS.cols) || !ok(rows, SHELL_LIMITS.rows))
    throw new Error(`Bad terminal size ${String(cols)}×${String(rows)}.`);
  return { cols: cols as number, rows: rows as number };
}

/** The open shells of one app session, by id. */
export class ShellSessions {
  private readonly open = new Map<number, PtyProcess>();
  /** Shells started and not yet reported ended, killed ones included. */
  private readonly running = new Map<number, Promise<void>>();
  private nextId = 1;

  constructor(
    private readonly shell: ShellOption,
    private readonly emit: Emit,
    private readonly cwd: string = os.homedir(),
  ) {}

  get label(): string {
    return this.shell.spec.label;
  }

  start(cols: unknown, rows: unknown): number {
    const s = size(cols, rows);
    if (this.open.size >= SHELL_LIMITS.maxSessions)
      throw new Error(`At most ${SHELL_LIMITS.maxSessions} shells can be open at once.`);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const pty = this.shell.spawn(this.shell.spec.file, [...this.shell.spec.args], {
      name: 'xterm-256color',
      ...s,
      cwd: this.cwd,
      env,
    });
    const id = this.nextId++;
    this.open.set(id, pty);
    pty.onData((data) => this.emit('shell:output', { id, data }));
    this.running.set(
      id,
      new Promise<void>((resolve) =>
        pty.onExit(({ exitCode }) => {
          this.open.delete(id);
          this.running.delete(id);
          this.emit('shell:exit', { id, exitCode });
          resolve();
        }),
      ),
    );
    return id;
  }

  private get(id: unknown): PtyProcess {
    const pty = typeof id === 'number' ? this.open.get(id) : undefined;
    if (!pty) throw new Error(`No open shell ${String(id)}.`);
    return pty;
  }

  input(id: unknown, data: unknown): void {
    if (typeof data !== 'string' || data.length > SHELL_LIMITS.maxInput)
      throw new Error('Shell input must be text of at most 64 KiB.');
    this.get(id).write(data);
  }

  resize(id: unknown, cols: unknown, rows: unknown): void {
    const s = size(cols, rows);
    this.get(id).resize(s.cols, s.rows);
  }

  stop(id: unknown): void {
    const pty = this.get(id);
    this.open.delete(id as number);
    pty.kill();
  }

  /** Ends every shell (the page reloads, the app quits). */
  closeAll(): void {
    for (const pty of this.open.values()) {
      try {
        pty.kill();
      } catch {
        // Already gone.
      }
    }
    this.open.clear();
  }

  get count(): number {
    return this.open.size;
  }

  /**
   * Resolves once every shell started has reported its end (or after `timeoutMs`): the pty's
   * exit is reported from a native thread, which must not outlive the process or thread that
   * started it.
   */
  async ended(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(this.running.values()), timeout]);
    clearTimeout(timer);
  }
}

/** node-pty's spawn, or null when the module (or its native part) cannot be loaded here. */
export function loadNodePty(): SpawnPty | null {
  try {
    // Loaded on demand: only the desktop app on Windows uses it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pty = require('node-pty') as typeof NodePty;
    return (file, args, opts) => pty.spawn(file, args, opts);
  } catch {
    return null;
  }
}

/**
 * The desktop app's shell on Windows: Windows PowerShell by its absolute path, in ConPTY. It runs
 * with the app's rights (the installed app asks for administrator rights at start). Undefined when
 * node-pty cannot be loaded.
 */
export function windowsShell(powershellPath: string): ShellOption | undefined {
  const spawn = loadNodePty();
  if (!spawn) return undefined;
  return { spawn, spec: { file: powershellPath, args: ['-NoLogo'], label: 'Windows PowerShell' } };
}
