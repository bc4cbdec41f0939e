import { FAILURE_MODES, type FailureCode } from "./failure-modes";
import type { Diagnosis, ProbePort, ProbeTarget, TlsFailure } from "./schemas";

/**
 * From a probe's results to findings a customer can act on: each failed result is explained by
 * the first pattern (docs/CONNECTIVITY.md) that covers it, and the findings come in the table's
 * order. Pure, so every pattern is unit-tested.
 */

/** ok only when there was something to probe and every name resolved and answered on every port. */
export function connectivityStatusOf(targets: ProbeTarget[]): "ok" | "degraded" {
  const allOk = targets.every((target) => target.dnsError === null && target.ports.every((port) => port.result === "ok"));
  return targets.length > 0 && allOk ? "ok" : "degraded";
}

interface Cell {
  target: ProbeTarget;
  /** The zone the connection went to: a zonal name's own, or the zone of the zonal name sharing the regional name's first address. */
  zone: string | null;
  port: ProbePort;
}

const TLS_CODES: Record<TlsFailure, FailureCode> = {
  name_mismatch: "tls_name_mismatch",
  expired: "tls_expired",
  not_yet_valid: "tls_not_yet_valid",
  handshake_failed: "tls_handshake_failed",
};

export function diagnose(targets: ProbeTarget[]): Diagnosis[] {
  const zoneByAddress = new Map<string, string>();
  for (const target of targets) {
    const address = target.addresses[0];
    if (target.availabilityZone && address) zoneByAddress.set(address, target.availabilityZone);
  }
  const zoneOf = (target: ProbeTarget) => target.availabilityZone ?? zoneByAddress.get(target.addresses[0] ?? "") ?? null;
  const cells: Cell[] = targets.flatMap((target) => target.ports.map((port) => ({ target, zone: zoneOf(target), port })));
  const allZones = new Set(targets.flatMap((target) => zoneOf(target) ?? []));
  const found = new Map<FailureCode, { zones: Set<string>; ports: Set<number>; everyZone?: boolean }>();
  const add = (code: FailureCode, zones: Iterable<string>, ports: Iterable<number>, everyZone = false) => {
    const entry = found.get(code) ?? { zones: new Set<string>(), ports: new Set<number>() };
    for (const zone of zones) entry.zones.add(zone);
    for (const port of ports) entry.ports.add(port);
    entry.everyZone ||= everyZone;
    found.set(code, entry);
  };

  const unresolved = targets.filter((target) => target.dnsError !== null);
  if (unresolved.length > 0) {
    add(
      "dns_unresolvable",
      unresolved.length === targets.length ? [] : unresolved.flatMap((target) => target.availabilityZone ?? []),
      [],
      unresolved.length === targets.length,
    );
  }

  for (const cell of cells) explainAfterConnect(cell, add);
  explainTimeouts(
    cells.filter((cell) => cell.port.result === "timeout"),
    cells,
    add,
  );

  return FAILURE_MODES.flatMap((mode): Diagnosis[] => {
    const entry = found.get(mode.code);
    if (!entry) return [];
    const zones = entry.everyZone || (allZones.size > 0 && [...allZones].every((zone) => entry.zones.has(zone))) ? [] : [...entry.zones].sort();
    return [{ code: mode.code, cause: mode.cause, check: mode.check, zones, ports: [...entry.ports].sort((a, b) => a - b) }];
  });
}

type Add = (code: FailureCode, zones: Iterable<string>, ports: Iterable<number>, everyZone?: boolean) => void;

function explainAfterConnect({ zone, port }: Cell, add: Add): void {
  const zones = zone ? [zone] : [];
  if (port.result === "refused") add("connection_refused", zones, [port.port]);
  else if (port.result === "reset") add("connection_reset", zones, [port.port]);
  else if (port.result === "tls_error") add(TLS_CODES[port.tls?.failure ?? "handshake_failed"], zones, [port.port]);
}

/**
 * Timeouts say the least on their own, so their pattern carries the diagnosis: all of them (the
 * load balancer takes nothing from us), a zone on every port (that zone's side), a port on every
 * zone (that port's listener or rule), else whatever is left, named by zone and port.
 */
function explainTimeouts(timeouts: Cell[], cells: Cell[], add: Add): void {
  if (timeouts.length === 0) return;
  const ports = new Set(cells.map((cell) => cell.port.port));
  if (timeouts.length === cells.length) {
    add("no_connection_accepted", [], ports, true);
    return;
  }
  const explained = new Set<Cell>();
  const byZone = groupBy(cells, (cell) => cell.zone);
  const darkZones = [...byZone].filter(([zone, zoneCells]) => zone !== null && zoneCells.every((cell) => cell.port.result === "timeout"));
  if (darkZones.length > 0 && darkZones.length < [...byZone.keys()].filter((zone) => zone !== null).length) {
    add(
      "zone_unreachable",
      darkZones.flatMap(([zone]) => zone ?? []),
      darkZones.flatMap(([, zoneCells]) => zoneCells.map((cell) => cell.port.port)),
    );
    for (const [, zoneCells] of darkZones) for (const cell of zoneCells) explained.add(cell);
  }
  const lit = cells.filter((cell) => !explained.has(cell));
  for (const [port, portCells] of groupBy(lit, (cell) => cell.port.port)) {
    if (portCells.every((cell) => cell.port.result === "timeout") && portCells.length < lit.length) {
      add("port_unreachable", [], [port], true);
      for (const cell of portCells) explained.add(cell);
    }
  }
  for (const cell of timeouts) if (!explained.has(cell)) add("timeout", cell.zone ? [cell.zone] : [], [cell.port.port]);
}

function groupBy<K>(cells: Cell[], key: (cell: Cell) => K): Map<K, Cell[]> {
  const groups = new Map<K, Cell[]>();
  for (const cell of cells) groups.set(key(cell), [...(groups.get(key(cell)) ?? []), cell]);
  return groups;
}
