// What /proc tells about the processes: which one serves a port, its peak RSS and CPU time, and the
// machine's CPU over a window (the bench's own processes apart from everything else).
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { alive, children } from './children.ts';

// ---------------------------------------------------------------------------------------------------
// /proc: which process serves a port, its peak RSS and CPU time

function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hexPort}`) === true && f[3] === '0A') return f[9];
    }
  }
  return undefined;
}

function descendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) if (c !== '') out.push(Number(c));
      } catch {
        // no children file: nothing to add
      }
    }
  }
  return out;
}

/**
 * The PID that holds the listening socket: the child itself, or a descendant if the launcher ever
 * re-spawns (e.g. a `tsx` CLI wrapper). Falls back to the child's own PID.
 */
export function servingPid(childPid: number, port: number): { pid: number; verified: boolean } {
  const inode = listeningInode(port);
  if (inode !== undefined) {
    for (const pid of descendants(childPid)) {
      try {
        if (readdirSync(`/proc/${pid}/fd`).some((fd) => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
          } catch {
            return false;
          }
        })) return { pid, verified: true };
      } catch {
        // process gone or not ours
      }
    }
  }
  return { pid: childPid, verified: false };
}

export function procStatusKb(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] === undefined ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

/** utime + stime of a process in seconds (clock ticks are 100 per second on Linux). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Machine-wide CPU ticks from /proc/stat (100 per second per core): busy (user..softirq) and steal. */
function machineTicks(): { busy: number; steal: number } | undefined {
  try {
    const f = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busy: user + nice + system + irq + softirq, steal };
  } catch {
    return undefined;
  }
}

export interface MachineSample { at: number; ticks: { busy: number; steal: number } | undefined; ours: number; database: number | undefined }

/** Set for --store postgres: the machine line then names the PostgreSQL server's CPU apart from "other". */
let countDatabaseCpu = false;

export function countDatabaseCpuApart(): void {
  countDatabaseCpu = true;
}

/** CPU seconds of every PostgreSQL server process on the machine (postmaster and backends). */
function postgresCpuSeconds(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    sum += cpuSeconds(Number(entry)) ?? 0;
  }
  return sum;
}

/** CPU seconds of this process and every child that is still running (threads included). */
function ourCpuSeconds(): number {
  let sum = cpuSeconds(process.pid) ?? 0;
  for (const { child } of children) if (alive(child) && child.pid !== undefined) sum += cpuSeconds(child.pid) ?? 0;
  return sum;
}

export function machineSample(): MachineSample {
  return { at: performance.now(), ticks: machineTicks(), ours: ourCpuSeconds(), database: countDatabaseCpu ? postgresCpuSeconds() : undefined };
}

/**
 * Over a window, in % of one core (the machine has cores × 100 %): everything busy, the bench's own
 * processes, everything else, and hypervisor steal. "Other" and "steal" should be near 0 for figures
 * that compare with toolchain.md.
 */
export interface MachineLoad { busyPercent: number; benchPercent: number; databasePercent?: number; otherPercent: number; stealPercent: number }

export function machineLoad(start: MachineSample, end: MachineSample): MachineLoad | null {
  const seconds = (end.at - start.at) / 1000;
  if (start.ticks === undefined || end.ticks === undefined || seconds <= 0) return null;
  const busy = (end.ticks.busy - start.ticks.busy) / 100 / seconds * 100;
  const bench = (end.ours - start.ours) / seconds * 100;
  const database = start.database !== undefined && end.database !== undefined ? (end.database - start.database) / seconds * 100 : undefined;
  return {
    busyPercent: busy,
    benchPercent: bench,
    ...(database !== undefined ? { databasePercent: database } : {}),
    otherPercent: Math.max(0, busy - bench - (database ?? 0)),
    stealPercent: (end.ticks.steal - start.ticks.steal) / 100 / seconds * 100,
  };
}
