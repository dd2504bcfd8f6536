import { z } from 'zod';

// Which strings of the contract name files on disk. The desktop shell lets its window use only the
// files the user picked in a dialog or that belong to the open project; to check that, it must know
// which parameters are paths: those built with `filePath`, found again by `filePathsIn`.

const FILE_PATHS = z.registry<{ readonly filePath: true }>();

const PLAIN_PATH = z.string().min(1).max(4096);

/** Marks a string schema as a file path (register last: `.optional()` may wrap it, `.trim()` would replace it). */
export function filePath<S extends z.ZodType<string>>(schema: S): S;
export function filePath(): typeof PLAIN_PATH;
export function filePath(schema: z.ZodType<string> = PLAIN_PATH): z.ZodType<string> {
  // A schema shared by several fields is registered once.
  if (!FILE_PATHS.has(schema)) schema.register(FILE_PATHS, { filePath: true });
  return schema;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/**
 * Every file path in a value of the schema (parsed params or a result). Where the schema branches
 * (a union), every branch is read: a string counted twice is checked twice, never missed.
 */
export function filePathsIn(schema: z.ZodType, value: unknown): string[] {
  const found: string[] = [];
  const walk = (s: z.ZodType, v: unknown, depth: number): void => {
    if (depth > 64 || v === undefined || v === null) return;
    if (FILE_PATHS.has(s)) {
      if (typeof v === 'string') found.push(v);
      return;
    }
    const def = defOf(s);
    if (def.type === 'object' && def.shape && typeof v === 'object') {
      for (const [key, field] of Object.entries(def.shape)) walk(field, (v as Record<string, unknown>)[key], depth + 1);
    } else if (WRAPPERS.has(def.type) && def.innerType) walk(def.innerType, v, depth + 1);
    else if (def.type === 'pipe') {
      if (def.in) walk(def.in, v, depth + 1);
      if (def.out) walk(def.out, v, depth + 1);
    } else if (def.type === 'array' && def.element && Array.isArray(v)) for (const item of v) walk(def.element, item, depth + 1);
    else if (def.type === 'union') for (const option of def.options ?? []) walk(option, v, depth + 1);
    else if (def.type === 'intersection') {
      if (def.left) walk(def.left, v, depth + 1);
      if (def.right) walk(def.right, v, depth + 1);
    } else if (def.type === 'record' && def.valueType && typeof v === 'object') for (const item of Object.values(v)) walk(def.valueType, item, depth + 1);
    else if (def.type === 'tuple' && Array.isArray(v)) (def.items ?? []).forEach((item, i) => walk(item, v[i], depth + 1));
    else if (def.type === 'lazy' && def.getter) walk(def.getter(), v, depth + 1);
  };
  walk(schema, value, 0);
  return found;
}
