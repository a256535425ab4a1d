/** One way to obtain an argument: its source expression, and the parameter-name hints it suits. */
export interface InputExpr {
  /** A JS expression; evaluated in the child with `new Function`, so the value and its code are the same thing. */
  code: string
  /** Where the value came from: mined from the module or the generic pool. */
  origin: 'mined' | 'pool'
}

/** Inputs mined for one function's parameters (by the function's simple name). */
export interface FunctionHints {
  /** Number of declared parameters (a rest parameter counts once). */
  arity: number
  /** For each parameter position, values that suit it best (typed, compared, defaulted). */
  params: string[][]
}

/** What the explorer child needs; written as JSON to a temp file by the parent. */
export interface ChildConfig {
  sourceFile: string
  /** Load with `import()` (ESM, TS through tsx) or `require` (CommonJS). */
  loader: 'import' | 'require'
  /** The identifier the test file binds the CommonJS exports or the ESM default export to. */
  defaultBinding: string
  /** Directory whose files (outside node_modules) count as the module's own code. */
  packageDir: string
  /** Mined global values (any parameter), most specific first. */
  mined: string[]
  /** Generic values. */
  pool: string[]
  hints: Record<string, FunctionHints>
  /** 1-based lines of the module that are still uncovered; empty means any line counts. */
  uncoveredLines: number[]
  deadline: number
  callTimeoutMs: number
  seed: number
  maxCallsPerTarget: number
  /**
   * Replay mode: instead of exploring, run these kept calls in order on a freshly loaded module,
   * as the generated file will, and confirm each behaves as recorded (state left behind by
   * calls that were not kept cannot leak into a test this way).
   */
  replay?: CallRecord[]
}

/** How a call ended, as the test will assert it. */
export type Outcome =
  | { kind: 'returns'; literal: string }
  | { kind: 'returnsType'; type: string; extra?: string[] }
  | { kind: 'throws'; errorName: string; message: string }
  | { kind: 'resolves'; literal: string }
  | { kind: 'resolvesType'; type: string }
  | { kind: 'rejects'; errorName: string; message: string }

/** A kept call, sent to the parent as one JSON line on fd 3. */
export interface CallRecord {
  type: 'test'
  exportPath: string[]
  /** Binding names of the module the code uses (named imports, or the default binding). */
  bindings: string[]
  /** Statements that build the receiver (e.g. `const obj = new Complex(1, 2)`). */
  setup: string[]
  /** The call itself, e.g. `parseMoney('12.34 USD')`. */
  call: string
  /** Short display form of the call for the title. */
  title: string
  usesCalls: boolean
  /** Whether callbacks fired only after a tick, so the test must wait. */
  waits: boolean
  /** Literal of the callback invocations when they are serialisable, else their count. */
  callsLiteral?: string
  callsCount: number
  outcome: Outcome
  newLines: number[]
  /** Offsets newly covered inside uncovered lines; used to rank. */
  gapHits: number
}

/** Progress and problems sent to the parent. */
export type ChildMessage =
  | CallRecord
  | { type: 'problem'; message: string }
  | { type: 'loaded'; targets: number }
  | { type: 'calls'; count: number }
  | { type: 'confirmed'; index: number }
  | { type: 'done' }
