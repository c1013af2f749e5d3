/**
 * Resource IDs and ARNs in AWS's formats: 17 hex digits after the type prefix
 * (`sg-0a1b2c3d4e5f60718`), 12-digit account IDs, and load-balancer ARNs with a 16-hex suffix.
 * Every ID is drawn from the PRNG and checked for uniqueness, so a snapshot never holds two
 * resources with one ID.
 */
import { Rng } from './prng.js';

/** The one Region every workload lives in. */
export const REGION = 'us-east-1';

/** Draws unique IDs and ARNs from a seeded stream. */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** A modern long ID such as `subnet-0f263105946ad1a1d`. */
  resource(prefix: string): string {
    return this.unique(() => `${prefix}-0${this.rng.hex(16)}`);
  }

  account(): string {
    return this.unique(() => String(this.rng.int(100000000000, 999999999999)));
  }

  /** `arn:aws:elasticloadbalancing:…:loadbalancer/net/<name>/<16 hex>` */
  loadBalancerArn(accountId: string, name: string): string {
    return this.unique(
      () =>
        `arn:aws:elasticloadbalancing:${REGION}:${accountId}:loadbalancer/net/${name}/${this.rng.hex(16)}`,
    );
  }

  targetGroupArn(accountId: string, name: string): string {
    return this.unique(
      () =>
        `arn:aws:elasticloadbalancing:${REGION}:${accountId}:targetgroup/${name}/${this.rng.hex(16)}`,
    );
  }

  /** Listener ARNs extend their load balancer's: `listener/net/<name>/<lb id>/<16 hex>`. */
  listenerArn(loadBalancerArn: string): string {
    const base = loadBalancerArn.replace(':loadbalancer/', ':listener/');
    return this.unique(() => `${base}/${this.rng.hex(16)}`);
  }

  /** 8 lowercase alphanumerics, as in endpoint DNS names (`vpce-…-0h4w5u94`). */
  dnsToken(): string {
    return this.unique(() => this.rng.nextUint32().toString(36).padStart(7, '0').slice(0, 8));
  }

  /** A MAC address in AWS's locally administered range. */
  mac(): string {
    return this.unique(() => {
      const bytes = [0x02, ...Array.from({ length: 5 }, () => this.rng.int(0, 255))];
      return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    });
  }
}

/** The ID part of a load-balancer ARN (`net/<name>/<id>`), as ENI descriptions carry it. */
export function loadBalancerPath(loadBalancerArn: string): string {
  return loadBalancerArn.slice(loadBalancerArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
}

/**
 * Hex digits derived from a key, for IDs that only appear beside their owner (association IDs,
 * MAC addresses, DNS tokens): stable for a given key, so documents can be rendered in any order.
 */
export function derivedHex(key: string, length: number): string {
  return new Rng(key).hex(length);
}

/** A deterministic timestamp in 2024–2025 derived from a resource ID, as the CLI prints them. */
export function derivedTime(key: string): string {
  const start = Date.UTC(2024, 0, 1);
  const seconds = new Rng(`time/${key}`).nextUint32() % (2 * 365 * 86400);
  return new Date(start + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
