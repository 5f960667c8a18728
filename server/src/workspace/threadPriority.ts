/**
 * Background threads give way to the thread that answers requests: on a machine with as many
 * busy analysis workers as cores, an equal share left a request waiting for the scheduler.
 */
import { readlinkSync } from 'fs';
import { setPriority } from 'os';
import * as path from 'path';

/**
 * Lowers the calling thread's scheduling priority to `nice` (Linux keeps a niceness per thread,
 * and `/proc/thread-self` names the thread). Returns whether it did; elsewhere it does nothing.
 */
export function lowerThreadPriority(nice = 10): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(path.basename(readlinkSync('/proc/thread-self')));
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
