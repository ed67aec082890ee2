// /readyz: may this process take traffic? Each named probe (the database, Redis, later the
// bucket: `readiness.add('bucket', probe)`) must answer within its timeout; the answer names
// whatever is down, so a load balancer skips this process and an operator sees why.
export type Probe = () => Promise<unknown>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

export class Readiness {
  private readonly probes = new Map<string, Probe>();

  constructor(private readonly timeoutMs = 2000) {}

  add(name: string, probe: Probe): this {
    this.probes.set(name, probe);
    return this;
  }

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([probe(), new Promise((_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs)))]);
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, err instanceof Error ? err.message.split('\n')[0]! : String(err)] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, v]) => v === 'ok'), checks };
  }
}
