export { type AqeJestReporterOptions, default } from './aqe-jest-reporter.js'
export { type JestAssertion, jestAttempts } from './jest-attempts.js'
export { type JestRunFacts, jestRunFacts } from './jest-run-failures.js'
export { type JestConfigWithReporters, type WithAqeOptions, withAqe } from './with-aqe.js'
