import type { NewEnvVar } from '../vercel/envWriter';
import type { PullSource } from '../vercel/envPull';
import { isWriteOnly, type EnvVar } from '../vercel/models';

/**
 * "Copy to <environment>" from a cell where a key is missing: one write. When the variable
 * it copies can simply take one more environment (same project, no git branch, a type the
 * environment accepts) its environments are extended (`PATCH` of `target` /
 * `customEnvironmentIds`: the value is the same by construction); otherwise a new variable
 * is created in that environment only, with the value read (readable) or typed (write-only).
 */
export type CopyPlan =
  | { readonly kind: 'extend'; readonly from: EnvVar; readonly targets: EnvVar['targets']; readonly customEnvironmentIds: readonly string[] }
  | {
    readonly kind: 'create'; readonly from: EnvVar; readonly env: Omit<NewEnvVar, 'value'>;
    /** `read`: the source's value is read (a pull); `ask`: it is write-only, so the user types it. */
    readonly value: 'read' | 'ask';
    /** Why it is not an extension, and what changes beyond adding the one environment. */
    readonly why: CreateReason;
    readonly typeChanged: boolean;
  };

export type CreateReason = 'otherProject' | 'branch' | 'sourceBranch' | 'sensitiveToDevelopment';

/** Where the key is missing: the column's pull source, whether it is the source's project, and whether it is built like Development. */
export interface CopyTarget {
  readonly source: PullSource;
  readonly sameProject: boolean;
  /** Development, or a custom environment of type development: no sensitive variables there. */
  readonly development: boolean;
}

/**
 * The write that copies `from` into `target`.
 * @throws Error for a system variable (Vercel computes it; there is nothing to copy)
 */
export function planCopy(from: EnvVar, target: CopyTarget): CopyPlan {
  if (from.type === 'system') throw new Error(`${from.key} is a system variable: Vercel sets it for each deployment.`);
  const writeOnly = isWriteOnly(from);
  const sensitiveToDevelopment = writeOnly && target.development;
  const { target: to, gitBranch } = target.source;
  if (target.sameProject && !from.gitBranch && !gitBranch && !sensitiveToDevelopment) {
    return typeof to === 'string'
      ? { kind: 'extend', from, targets: [...from.targets, to], customEnvironmentIds: from.customEnvironmentIds }
      : { kind: 'extend', from, targets: from.targets, customEnvironmentIds: [...from.customEnvironmentIds, to.customEnvironmentId] };
  }
  // `secret` (legacy) cannot be created any more: a write-only value becomes sensitive, where allowed.
  const type: NewEnvVar['type'] = sensitiveToDevelopment ? 'encrypted' : from.type === 'secret' ? 'sensitive' : from.type;
  const why: CreateReason = !target.sameProject ? 'otherProject' : gitBranch ? 'branch' : from.gitBranch ? 'sourceBranch' : 'sensitiveToDevelopment';
  return {
    kind: 'create', from, why, value: writeOnly ? 'ask' : 'read', typeChanged: type !== from.type,
    env: {
      key: from.key, type,
      targets: typeof to === 'string' ? [to] : [],
      customEnvironmentIds: typeof to === 'string' ? [] : [to.customEnvironmentId],
      ...(gitBranch ? { gitBranch } : {}),
      ...(from.comment ? { comment: from.comment } : {}),
    },
  };
}
