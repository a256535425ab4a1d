import pc from 'picocolors'

/** The counts a fill-gaps run shows as it goes. */
export interface ProgressCounts {
  filesDone: number
  files: number
  tried: number
  accepted: number
  current?: string
}

const WIDTH = 20

/**
 * Progress of a fill-gaps run on stderr: a bar redrawn in place on a terminal, one counted line
 * per step elsewhere (CI logs keep every line).
 */
export class ProgressBar {
  private readonly tty: boolean

  constructor(private readonly stream: NodeJS.WritableStream) {
    this.tty = (stream as { isTTY?: boolean }).isTTY === true
  }

  update(counts: ProgressCounts, step: string): void {
    const filled = counts.files === 0 ? WIDTH : Math.round((counts.filesDone / counts.files) * WIDTH)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`
    const line = `aqe fill-gaps ${bar} ${counts.filesDone}/${counts.files} files · ${counts.tried} candidates tried · ${counts.accepted} accepted · ${step}`
    if (this.tty) this.stream.write(`\r\u001b[2K${pc.cyan(line)}`)
    else this.stream.write(`${line}\n`)
  }

  done(): void {
    if (this.tty) this.stream.write('\n')
  }
}
