export { type AqeJestReporterOptions, default } from './aqe-jest-reporter.js'
export { type JestAssertion, jestAttempts } from './jest-attempts.js'
