import { describeFailSafe } from '../../../test-helpers/fail-safe-cases.js'
import { vitestBin } from '../../../test-helpers/fixture.js'

describeFailSafe({ name: 'Vitest', argv: [vitestBin, 'run'] })
