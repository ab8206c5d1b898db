// Child processes of the suite: started (pinned to a core when taskset is there), measured
// from /proc (CPU time and memory of the whole process, every thread included), and all
// stopped however the suite ends.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const children = new Set();

const clockTicksPerSecond =
  Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * Pins the suite itself (load generator and stream client) to core 0, every thread, so its
 * children (the mock upstream) start there too; proxies go to core 1. Says why not when it
 * cannot: fewer than 2 cores, or no taskset (util-linux).
 */
export function pinToCores() {
  if (availableParallelism() < 2) return { pinned: false, why: 'fewer than 2 cores' };
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)]);
  if (pinned.error || pinned.status !== 0) return { pinned: false, why: 'taskset not available' };
  return {
    pinned: true,
    why: 'driver and mock upstream on core 0, the proxy under test on core 1',
  };
}

/**
 * Starts `node <script> ...args` (on `cpu` when pinning) and resolves once a stdout line
 * matches `ready`, with the match. Output is kept for the error message if it exits early.
 */
export function startNode(name, args, { env, cpu, ready, timeoutMs = 30_000 }) {
  const command = cpu === undefined ? process.execPath : 'taskset';
  const commandArgs = cpu === undefined ? args : ['-c', String(cpu), process.execPath, ...args];
  const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} ${why}:\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const onOutput = (part) => {
      output += part;
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          name,
          pid: child.pid,
          match,
          stop: () => stopChild(child),
          output: () => output,
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onOutput);
    child.stderr.setEncoding('utf8').on('data', (part) => {
      output += part;
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      fail(`exited (${signal ?? code})`);
    });
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running: SIGTERM, then SIGKILL after 10 s. */
export async function stopAllChildren() {
  await Promise.all([...children].map(stopChild));
}

// Whatever ends the suite (an error, Ctrl-C), no child outlives it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * CPU time of a process, all threads, user and system, in ms: the scheduler's own count in
 * ns (/proc/<pid>/task/<tid>/schedstat), or, without it, /proc/<pid>/stat in clock ticks.
 */
export function readCpuMs(pid) {
  try {
    let ns = 0;
    for (const thread of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is [11], stime [12].
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  }
}

/** Resident memory now and at its peak so far, in bytes (from /proc/<pid>/status). */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, peakRss: kib('VmHWM') * 1024 };
}

/** The soft limit on open files, which caps how many streams a proxy can hold. */
export function readOpenFileLimit() {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 1024);
}
