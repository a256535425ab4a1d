import { type PrioritiseTestFilesOptions, prioritiseTestFiles, relativeTestFile, shardSplit, warnOnStderr } from '@aqe/core'
import { BaseSequencer, type TestSpecification, type Vitest } from 'vitest/node'

/** Options of the aqe sequencer; the `aqe()` plugin passes its own `db`. */
export type AqeVitestSequencerOptions = Pick<PrioritiseTestFilesOptions, 'db' | 'isQuarantined'>

/**
 * Vitest `sequence.sequencer` that runs test files in the order of aqe's prioritisation agent.
 * Before sorting, the agent learns from the runs recorded since it last ran; ties go to the file
 * that failed last time, then to the shorter one. Projects and `sequence.groupOrder` keep
 * Vitest's grouping; the agent orders the files inside each group.
 *
 * Sharding (`--shard i/n`) splits by a hash of each file's path alone, so every shard agrees on
 * the split whatever history it sees. When the store cannot be used, the sequencer warns once on
 * stderr and keeps Vitest's own order.
 */
export class AqeVitestSequencer extends BaseSequencer {
  protected readonly options: AqeVitestSequencerOptions

  constructor(ctx: Vitest, options: AqeVitestSequencerOptions = {}) {
    super(ctx)
    this.options = options
  }

  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const shard = this.ctx.config.shard
    if (!shard) return files
    return shardSplit(files, (file) => this.fileId(file), shard.index, shard.count)
  }

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (files.length === 0 || process.env.AQE_DISABLE === '1') return super.sort(files)
    try {
      const ids = [...new Set(files.map((file) => this.fileId(file)))]
      const ranked = await prioritiseTestFiles(this.ctx.config.root, ids, this.options)
      const position = new Map(ranked.map((file, index) => [file.id, index]))
      return [...files].sort(
        (a, b) =>
          a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
          compareNames(a.project.name, b.project.name) ||
          (position.get(this.fileId(a)) as number) - (position.get(this.fileId(b)) as number),
      )
    } catch (error) {
      warnOnStderr(`${(error as Error).message} Tests run in Vitest's own order this time.`)
      return super.sort(files)
    }
  }

  private fileId(file: TestSpecification): string {
    return relativeTestFile(this.ctx.config.root, file.moduleId)
  }
}

/** A sequencer class bound to `options`, as `sequence.sequencer` wants a class rather than an instance. */
export function aqeSequencer(options: AqeVitestSequencerOptions = {}): typeof BaseSequencer {
  return class extends AqeVitestSequencer {
    constructor(ctx: Vitest) {
      super(ctx, options)
    }
  }
}

function compareNames(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1
}
