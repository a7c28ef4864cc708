/**
 * A guard around code that reads untrusted data with third-party libraries
 * (flowchart.js, Raphaël): whatever it adds to or changes on the built-in
 * prototypes (`Object.prototype`, `Array.prototype`…) is undone at once.
 *
 * A polluted `Object.prototype` gives every `{}` of the page extra fields:
 * JupyterLab's HTML sanitizer then reads an allow-list entry for an event
 * attribute, and the notebook model overflows its stack. Our own parsing
 * never writes by a name taken from data (`./flowchart-script`); this guard
 * is the second wall, cheap enough to run around every render (a few
 * hundred property names compared). Page-wide, every render of ours first
 * sweeps away data that anything put on the prototypes since our renderers
 * loaded (`sweepPagePrototypes`).
 * Pure (no DOM): tested with node.
 */

/** The prototypes watched: those every plain value of the page inherits from. */
export function watchedPrototypes(): object[] {
  return [
    Object.prototype,
    Array.prototype,
    Function.prototype,
    String.prototype,
    Number.prototype,
    Boolean.prototype
  ];
}

/** The own properties of each watched prototype, as they were. */
export type PrototypeSnapshot = Map<
  object,
  Map<PropertyKey, PropertyDescriptor>
>;

/** Record the watched prototypes' own properties. */
export function snapshotPrototypes(
  prototypes: object[] = watchedPrototypes()
): PrototypeSnapshot {
  const snapshot: PrototypeSnapshot = new Map();
  for (const proto of prototypes) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(proto)) {
      own.set(key, Reflect.getOwnPropertyDescriptor(proto, key)!);
    }
    snapshot.set(proto, own);
  }
  return snapshot;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return (
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable
  );
}

/**
 * Put the watched prototypes back as `snapshot` recorded them: added
 * properties deleted, changed ones restored. Returns what was undone, as
 * names (`Object.prototype.polluted`), empty when nothing had changed.
 */
export function restorePrototypes(snapshot: PrototypeSnapshot): string[] {
  const undone: string[] = [];
  for (const [proto, own] of snapshot) {
    const label = `${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'Object'}.prototype`;
    for (const key of Reflect.ownKeys(proto)) {
      const before = own.get(key);
      const now = Reflect.getOwnPropertyDescriptor(proto, key)!;
      if (!before) {
        Reflect.deleteProperty(proto, key);
        undone.push(`${label}.${String(key)}`);
      } else if (!sameDescriptor(before, now)) {
        Reflect.defineProperty(proto, key, before);
        undone.push(`${label}.${String(key)}`);
      }
    }
    for (const [key, before] of own) {
      if (!Reflect.getOwnPropertyDescriptor(proto, key)) {
        Reflect.defineProperty(proto, key, before);
        undone.push(`${label}.${String(key)}`);
      }
    }
  }
  return undone;
}

/**
 * Run `work`; whatever it did to the built-in prototypes is undone
 * afterwards (also when it throws). `onUndone` hears what was undone.
 *
 * `guardPrototypes(() => { (Object.prototype as any).x = 1; })` leaves
 * `({} as any).x` undefined.
 */
export function guardPrototypes<T>(
  work: () => T,
  onUndone?: (undone: string[]) => void
): T {
  const snapshot = snapshotPrototypes();
  try {
    return work();
  } finally {
    const undone = restorePrototypes(snapshot);
    if (undone.length && onUndone) {
      onUndone(undone);
    }
  }
}

/**
 * Remove data the built-in prototypes gained since `baseline` was taken:
 * a property that is not a function (a value or a getter) on
 * `Object.prototype` is never legitimate — every `{}` of the page inherits
 * it — whoever put it there. Methods added since (polyfills) are left alone.
 * Returns the names removed.
 */
export function sweepPrototypes(baseline: PrototypeSnapshot): string[] {
  const removed: string[] = [];
  for (const [proto, own] of baseline) {
    const label = `${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'Object'}.prototype`;
    for (const key of Reflect.ownKeys(proto)) {
      if (own.has(key)) {
        continue;
      }
      const now = Reflect.getOwnPropertyDescriptor(proto, key)!;
      if (
        typeof now.value !== 'function' &&
        Reflect.deleteProperty(proto, key)
      ) {
        removed.push(`${label}.${String(key)}`);
      }
    }
  }
  return removed;
}

// The page as it was when our renderers were loaded, for the page-wide sweep.
const PAGE_BASELINE = snapshotPrototypes();

/**
 * The page-wide check, run by every one of our renderers before it renders:
 * removes stray prototype data (see {@link sweepPrototypes}) whatever put it
 * there, and says so in the console.
 */
export function sweepPagePrototypes(): string[] {
  const removed = sweepPrototypes(PAGE_BASELINE);
  if (removed.length) {
    console.warn(
      'litecourse: removed data added to built-in prototypes:',
      removed
    );
  }
  return removed;
}
