export { type AqeJestReporterOptions, default } from './aqe-jest-reporter.js'
