// The request benchmark's report: the figures table, the ratios to the baseline, the machine line and
// what went wrong (shortfalls, duplicates, first error bodies).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { drainLimitMs, type TargetFigures } from './measure.ts';

export function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

function errorText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? '0' : entries.map(([k, v]) => `${k}×${v}`).join(' ');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

export function report(targets: TargetFigures[]): Record<string, Record<string, number | null>> {
  const header = ['', 'accepted/s', 'delivered/s', 'delivered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'peak RSS MB', 'CPU %', 'CPU µs/exch'];
  const rows = targets.map((t) => [
    t.name,
    fmt(t.acceptedPerSec),
    fmt(t.deliveredPerSec),
    `${t.delivered}/${t.deliveredOf}`,
    fmt(t.latencyMs.p50, 2),
    fmt(t.latencyMs.p90, 2),
    fmt(t.latencyMs.p99, 2),
    fmt(t.latencyMs.max, 1),
    errorText(t.errors),
    fmt(t.peakRssMb, 1),
    fmt(t.cpuPercent),
    fmt(t.cpuPerExchangeUs),
  ]);
  process.stdout.write(`\n${table([header, ...rows])}\n`);

  const baseline = targets.find((t) => t.name === 'baseline');
  const byTarget: Record<string, Record<string, number | null>> = {};
  for (const gateway of targets.filter((t) => t.name !== 'baseline')) {
    if (baseline === undefined) break;
    const ratios: Record<string, number | null> = {};
    ratios.acceptedPerSec = ratio(gateway.acceptedPerSec, baseline.acceptedPerSec);
    ratios.deliveredPerSec = ratio(gateway.deliveredPerSec, baseline.deliveredPerSec);
    ratios.p50 = ratio(gateway.latencyMs.p50, baseline.latencyMs.p50);
    ratios.p99 = ratio(gateway.latencyMs.p99, baseline.latencyMs.p99);
    ratios.peakRss = ratio(gateway.peakRssMb, baseline.peakRssMb);
    byTarget[gateway.name] = ratios;
    process.stdout.write(
      `\n${gateway.name} / baseline: accepted/s ${fmt(ratios.acceptedPerSec, 2)}×, delivered/s ${fmt(ratios.deliveredPerSec, 2)}×, ` +
        `p50 ${fmt(ratios.p50, 2)}×, p99 ${fmt(ratios.p99, 2)}×, peak RSS ${fmt(ratios.peakRss, 2)}×\n`,
    );
  }
  // PostgreSQL: what a second process costs, as exchanges per gateway CPU-second (1.0 = no contention cost).
  const one = targets.find((t) => t.name === 'gateway-pg');
  const two = targets.find((t) => t.name === 'gateway-pg-x2');
  const efficiency = ratio(two?.exchangesPerCpuSecond, one?.exchangesPerCpuSecond);
  if (one !== undefined && two !== undefined) {
    byTarget.efficiency = { twoProcessesVsOne: efficiency };
    process.stdout.write(
      `\nPostgreSQL efficiency: ${fmt(two.exchangesPerCpuSecond)} exchanges per gateway CPU-second with 2 processes, ` +
        `${fmt(one.exchangesPerCpuSecond)} with 1: ${fmt(efficiency, 2)}×\n`,
    );
  }
  for (const t of targets) {
    if (t.cpuPerExchangeUs !== null) {
      process.stdout.write(`${t.name}: CPU per ${t.name === 'baseline' ? 'forwarded request' : 'accepted and delivered exchange'} ${fmt(t.cpuPerExchangeUs)} µs (${fmt(t.cpuSpanSeconds, 2)} CPU-s over ${fmt(t.exchangesInCpuSpan)}, warm-up, window and drain, all threads)\n`);
    }
  }
  for (const t of targets) {
    if (t.pids !== undefined) process.stdout.write(`${t.name}: ${t.pids.length} processes; its peak RSS and CPU % are the sums over them\n`);
  }
  process.stdout.write('\n');
  for (const t of targets) {
    const m = t.machine;
    if (m !== null) {
      process.stdout.write(
        `${t.name} window, CPU in % of one core (${cpus().length * 100} % available): busy ${fmt(m.busyPercent)}, ` +
          `bench processes ${fmt(m.benchPercent)}, ` +
          (m.databasePercent !== undefined ? `database (postgres processes) ${fmt(m.databasePercent)}, ` : '') +
          `other processes ${fmt(m.otherPercent)}, steal ${fmt(m.stealPercent)}\n`,
      );
      if (m.otherPercent + m.stealPercent > 25) {
        process.stdout.write(`  warning: something else used the CPU during the ${t.name} window; its figures are low by an unknown amount (rerun on a quiet machine)\n`);
      }
    }
  }
  for (const t of targets) {
    if (t.delivered < t.deliveredOf) {
      process.stdout.write(`\n${t.name}: only ${t.delivered} of ${t.deliveredOf} accepted messages reached the receiver within ${drainLimitMs / 1000} s after the load\n`);
    }
    if (t.duplicateDeliveries > 0) process.stdout.write(`${t.name}: ${t.duplicateDeliveries} duplicate deliveries (same Idempotency-Key twice)\n`);
    for (const [key, body] of Object.entries(t.errorSamples)) {
      process.stdout.write(`\n${t.name}: ${t.errors[key] ?? 0}× ${key}; first response body:\n  ${body === '' ? '(empty)' : body}\n`);
    }
  }
  return byTarget;
}

export function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}
