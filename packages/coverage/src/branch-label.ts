/** A short sentence for an untaken branch arm, in istanbul's words where it has them. */
export function branchLabel(type: string, arm: number, implicitElse: boolean): string {
  switch (type) {
    case 'if':
      if (arm === 0) return 'if path not taken'
      return implicitElse ? 'else path not taken (implicit else)' : 'else path not taken'
    case 'cond-expr':
      return arm === 0 ? 'true arm of ?: not taken' : 'false arm of ?: not taken'
    case 'switch':
      return `case ${arm + 1} of switch not taken`
    case 'binary-expr':
      return `operand ${arm + 1} of logical expression never evaluated`
    case 'default-arg':
      return 'default value never used'
    default:
      return `${type} arm ${arm + 1} not taken`
  }
}
