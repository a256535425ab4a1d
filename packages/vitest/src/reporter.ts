export { AqeVitestReporter as default, type AqeVitestReporterOptions } from './aqe-vitest-reporter.js'
