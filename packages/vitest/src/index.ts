export { type AqePluginOptions, aqe } from './aqe-plugin.js'
export { AqeVitestReporter, type AqeVitestReporterOptions } from './aqe-vitest-reporter.js'
export { type VitestTestCaseLike, vitestAttempts } from './vitest-attempts.js'
