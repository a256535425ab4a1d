import { describeFailSafe } from '../../../test-helpers/fail-safe-cases.js'
import { jestBin } from '../../../test-helpers/fixture.js'

describeFailSafe({ name: 'Jest', argv: [jestBin, '--ci'] })
