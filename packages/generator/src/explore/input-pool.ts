/**
 * Callback expressions. Each records its invocations in `calls`, an array the generated test
 * declares, so a test can assert how the code under test called back.
 */
export const CALLBACKS = [
  '(...args) => { calls.push(args) }',
  '(...args) => { calls.push(args); return args[0] }',
  '(...args) => { calls.push(args); return true }',
  // Calls back its last function argument, like a pull-stream source or a node-style API, then ends.
  "(...args) => { calls.push(args); const cb = args[args.length - 1]; if (typeof cb === 'function') cb(calls.length > 3 || null, calls.length) }",
] as const

/**
 * The generic pool: values that exercise common branches (empty, zero, negative, fractional,
 * non-finite, wrong type, nested) whatever the module. Each is the expression that creates it.
 */
export const GENERIC_POOL: readonly string[] = [
  // One of each kind first: exploration of a function may be cut short by the budget.
  '0',
  "'abc'",
  '[1, 2, 3]',
  '{ a: 1 }',
  'true',
  'null',
  'undefined',
  CALLBACKS[0],
  '-1',
  "''",
  '[]',
  '{}',
  '1',
  "'a'",
  CALLBACKS[3],
  '2',
  "['a', 'b']",
  'false',
  '0.5',
  "'Hello World'",
  CALLBACKS[1],
  '-2.5',
  "' a b '",
  '3',
  '10',
  '100',
  'NaN',
  'Infinity',
  CALLBACKS[2],
  "{ a: [1, 'b'], c: { d: true } }",
  '[[1, 2], [3]]',
  "[{ a: 1 }, { a: 'b' }]",
  '-0',
  '1e21',
  "'42'",
  "'1.5'",
  "'true'",
  "'a\\nb'",
  '[null, undefined]',
  "new Date('2020-01-02T03:04:05.000Z')",
  '/a+/g',
]

/** Whether an expression uses the `calls` recorder. */
export function usesCalls(code: string): boolean {
  return /\bcalls\.push\b/.test(code)
}
