export interface DistStep {
  readonly title: string;
  readonly command: string;
  readonly args: readonly string[];
}
export interface DistPlan {
  readonly work: readonly DistStep[];
  readonly restore: DistStep;
}
export function distPlan(options: {
  platform: string;
  electronVersion: string;
  extraArgs?: readonly string[];
  node: string;
  bin: (name: string) => string;
  npm: string;
}): DistPlan;
export function runDist(plan: DistPlan, run: (step: DistStep) => void): { ok: boolean; failure: Error | null; restored: boolean; ran: string[] };
