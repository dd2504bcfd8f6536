import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/api/contract';
import { filePathsIn } from '../../shared/api/file-paths';

// The desktop app refuses a window's call that names a file the user never picked; it finds those
// files through the fields built with filePath(). A path field left unmarked would slip past it.

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string field whose name says it is a path, as a value a call could carry (`{…: 'PATH'}` nested as the schema nests it). */
function pathFields(schema: z.ZodType, trail: string[] = []): { trail: string[]; sample: unknown }[] {
  const def = defOf(schema);
  const unwrap = (inner: z.ZodType | undefined) => (inner ? pathFields(inner, trail) : []);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) => {
      let inner = field;
      while (['optional', 'nullable', 'default', 'prefault'].includes(defOf(inner).type)) inner = defOf(inner).innerType!;
      if (/path$/i.test(key) && defOf(inner).type === 'string') return [{ trail: [...trail, key], sample: { [key]: '/PATH' } }];
      return pathFields(field, [...trail, key]).map((f) => ({ trail: f.trail, sample: { [key]: f.sample } }));
    });
  }
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return unwrap(def.innerType);
  if (def.type === 'pipe') return unwrap(def.in);
  if (def.type === 'array') return unwrap(def.element).map((f) => ({ trail: f.trail, sample: [f.sample] }));
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => pathFields(o, trail));
  if (def.type === 'intersection') return [...unwrap(def.left), ...unwrap(def.right)];
  return [];
}

describe('file paths in the contract', () => {
  const methods = Object.keys(contract) as MethodName[];

  it('every parameter named …path is marked as a file path', () => {
    const unmarked: string[] = [];
    let found = 0;
    for (const method of methods) {
      for (const field of pathFields(contract[method].params)) {
        found += 1;
        if (!filePathsIn(contract[method].params, field.sample).includes('/PATH')) unmarked.push(`${method}: ${field.trail.join('.')}`);
      }
    }
    expect(unmarked).toEqual([]);
    expect(found).toBeGreaterThanOrEqual(15);
  });

  it('finds the paths of a call wherever they sit (a union, an intersection, an array)', () => {
    expect(filePathsIn(contract['import.preview'].params, { sources: [{ kind: 'path', path: '/a.txt' }, { kind: 'text', text: '/not-a-path' }, { kind: 'path', path: '/b.txt' }] })).toEqual(['/a.txt', '/b.txt']);
    expect(filePathsIn(contract['refi.importProject'].params, { sourcePath: '/in.qdpx', targetPath: '/out.condensa' }).sort()).toEqual(['/in.qdpx', '/out.condensa']);
    expect(filePathsIn(contract['project.create'].params, { path: '/s.condensa', title: '/etc/passwd' })).toEqual(['/s.condensa']);
  });
});
