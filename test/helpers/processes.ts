// Whether a process the tests started is still running, for the kill-the-tree assertions.
import { readFileSync } from 'node:fs';

/** Running (a zombie waiting for a reaper that never comes in a container counts as dead). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}
