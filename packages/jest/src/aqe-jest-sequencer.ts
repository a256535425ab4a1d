import { prioritiseTestFiles, relativeTestFile, shardSplit, warnOnStderr } from '@aqe/core'
import type { Test } from '@jest/test-result'
import testSequencerModule, { type ShardOptions, type TestSequencerOptions } from '@jest/test-sequencer'
import { aqeReporterOptions } from './jest-reporter-options.js'

type TestSequencerClass = typeof testSequencerModule.default
// The package's ESM entry exports the class itself, while its types describe the CommonJS module.
const TestSequencer: TestSequencerClass =
  (testSequencerModule as { default?: TestSequencerClass }).default ?? (testSequencerModule as unknown as TestSequencerClass)

/**
 * Jest `testSequencer` that runs test files in the order of aqe's prioritisation agent:
 * `testSequencer: '@aqe/jest/sequencer'`, next to the `@aqe/jest` reporter that feeds its
 * history; it reads the store that reporter's `db` option names. Before sorting, the agent
 * learns from the runs recorded since it last ran; ties go to the file that failed last time,
 * then to the shorter one.
 *
 * Sharding (`--shard i/n`) splits by a hash of each file's path alone, so every shard agrees on
 * the split whatever history it sees; each shard then orders its own files. When the store
 * cannot be used, the sequencer warns once on stderr and keeps Jest's own order.
 */
export default class AqeJestSequencer extends TestSequencer {
  private readonly db: string | undefined
  // The reporter records files relative to the global root, also when projects have their own.
  private readonly root: string

  constructor(options: TestSequencerOptions) {
    super(options)
    this.db = aqeReporterOptions(options.globalConfig).db
    this.root = options.globalConfig.rootDir
  }

  override shard(tests: Array<Test>, options: ShardOptions): Array<Test> {
    return shardSplit(tests, (test) => this.fileId(test), options.shardIndex, options.shardCount)
  }

  override async sort(tests: Array<Test>): Promise<Array<Test>> {
    if (tests.length === 0 || process.env.AQE_DISABLE === '1') return super.sort(tests)
    try {
      const byId = new Map<string, Test[]>()
      for (const test of tests) byId.set(this.fileId(test), [...(byId.get(this.fileId(test)) ?? []), test])
      const ranked = await prioritiseTestFiles(this.root, [...byId.keys()], { db: this.db })
      return ranked.flatMap((file) => byId.get(file.id) as Test[])
    } catch (error) {
      warnOnStderr(`${(error as Error).message} Tests run in Jest's own order this time.`)
      return super.sort(tests)
    }
  }

  private fileId(test: Test): string {
    return relativeTestFile(this.root, test.path)
  }
}
