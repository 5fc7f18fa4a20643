// The memory and CPU time a test server uses, read from /proc (Linux only): startTestServer starts the
// app detached, so tsx, scripts/start.ts and the next-server child share one process group.
import fs from "node:fs";

export type TProcessMemory = { pid: number; comm: string; rssBytes: number };

function numericEntries(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** pid, ppid, process group and CPU ticks (utime + stime) of one process, or null when it is gone. */
function statOf(pid: number): { comm: string; ppid: number; pgid: number; cpuTicks: number } | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp …"; comm may itself hold spaces and parentheses.
  const open = stat.indexOf("(");
  const close = stat.lastIndexOf(")");
  const fields = stat.slice(close + 2).split(" ");
  return { comm: stat.slice(open + 1, close), ppid: Number(fields[1]), pgid: Number(fields[2]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The process group of the server whose environment holds `TIPLINE_DATA_DIR=<dataDir>`
 * (a fresh temporary folder per test server, so no other server matches), or null.
 */
export function processGroupOfServer(dataDir: string): number | null {
  const needle = Buffer.from(`TIPLINE_DATA_DIR=${dataDir}\0`);
  for (const pid of numericEntries()) {
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue;
    }
    if (!environ.includes(needle)) continue;
    const stat = statOf(pid);
    if (stat && stat.pgid !== statOf(process.pid)?.pgid) return stat.pgid;
  }
  return null;
}

/** Every live process of the group with its resident set size. */
export function memoryOfProcessGroup(pgid: number): TProcessMemory[] {
  const members: TProcessMemory[] = [];
  for (const pid of numericEntries()) {
    const stat = statOf(pid);
    if (stat?.pgid === pgid) members.push({ pid, comm: stat.comm, rssBytes: rssOf(pid) });
  }
  return members;
}

/** CPU time (user + system) of every live process of the group, in ms; null for no group. */
export function cpuOfProcessGroup(pgid: number | null): number | null {
  if (pgid === null) return null;
  let ticks = 0;
  for (const pid of numericEntries()) {
    const stat = statOf(pid);
    if (stat?.pgid === pgid) ticks += stat.cpuTicks;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

export const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
