/**
 * Compile-time scopes (LANGUAGE.md §7.1): names resolve by position to a slot in the frame of
 * the invocation that declares them; `hops` is how many static links to follow.
 */
import type { TypeSpec } from '../types';
import type { CodeUnit } from '../errors';
import type { Frame } from './context';

/** What kind of name a declaration made (loop variables and CONSTs are read-only, §7.1). */
export type VarKind = 'var' | 'const' | 'loop' | 'param' | 'cursor' | 'function' | 'error';

/** What a declared name is. */
export interface VarInfo {
  name: string;
  kind: VarKind;
  slot: number;
  /** The invocation (FnCtx) that owns the slot. */
  fn: FnCtx;
  /** Static declared type; null for VAR (type chosen at run time) and ANY-like names. */
  type: TypeSpec | null;
  /** VAR / CONST without a type: the declared type is `frame.t[slot]`. */
  dynamicType: boolean;
}

/** One invocation context (script body, routine body, local function body). */
export class FnCtx {
  nslots = 0;
  constructor(
    readonly parent: FnCtx | null,
    readonly unit: CodeUnit,
    /** Name and RETURNS type for RETURN checks (§7.7); null name for the script. */
    readonly name: string | null,
    readonly returns: TypeSpec | null,
  ) {}
  depth(): number {
    return this.parent ? this.parent.depth() + 1 : 0;
  }
}

/** A lexical block. */
export class Scope {
  readonly names = new Map<string, VarInfo>();
  constructor(readonly parent: Scope | null, readonly fn: FnCtx) {}

  /** Declares a name in this block, allocating a slot in its invocation. */
  declare(name: string, kind: VarKind, type: TypeSpec | null, dynamicType = false): VarInfo {
    const info: VarInfo = { name, kind, slot: this.fn.nslots++, fn: this.fn, type, dynamicType };
    this.names.set(name, info);
    return info;
  }

  /** The innermost visible declaration of `name`, or undefined. */
  lookup(name: string): VarInfo | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.names.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

/** A function that finds the frame owning `info` from a frame of `from`. */
export function frameGetter(from: FnCtx, info: VarInfo): (f: Frame) => Frame {
  const hops = from.depth() - info.fn.depth();
  if (hops === 0) return (f) => f;
  if (hops === 1) return (f) => f.up as Frame;
  return (f) => {
    let x = f;
    for (let i = 0; i < hops; i++) x = x.up as Frame;
    return x;
  };
}
