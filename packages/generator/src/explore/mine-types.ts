import type { AstNode } from './ast-walk.js'
import { CALLBACKS } from './input-pool.js'
import { propertyKey, quote } from './serialise-value.js'

/** Values by primitive type, mined from the module (most specific first). */
export interface TypedValues {
  string: string[]
  number: string[]
  boolean: string[]
  /** Interfaces and type aliases declared in the file, by name. */
  declared: Map<string, AstNode>
}

const VARIANTS = 6

/**
 * Example values for a TypeScript parameter type: primitives from the mined pools, arrays of
 * them, and object literals for object types and interfaces declared in the file (a few
 * variants, so that e.g. two `Money` arguments can differ in currency).
 */
export function valuesForType(type: AstNode | undefined, pools: TypedValues, depth = 0): string[] {
  if (!type || depth > 3) return []
  switch (type.type) {
    case 'TSTypeAnnotation':
    case 'TSParenthesizedType':
      return valuesForType(type.typeAnnotation, pools, depth)
    case 'TSTypeOperator':
      return valuesForType(type.typeAnnotation, pools, depth)
    case 'TSStringKeyword':
      return pools.string
    case 'TSNumberKeyword':
      return pools.number
    case 'TSBooleanKeyword':
      return ['true', 'false']
    case 'TSBigIntKeyword':
      return ['0n', '10n', '-3n']
    case 'TSLiteralType':
      return type.literal.type === 'StringLiteral' ? [quote(type.literal.value)] : [sourceOf(type.literal)]
    case 'TSUnionType':
      return roundRobin(type.types.map((t: AstNode) => valuesForType(t, pools, depth + 1)))
    case 'TSArrayType':
      return arraysOf(valuesForType(type.elementType, pools, depth + 1))
    case 'TSFunctionType':
      return [...CALLBACKS]
    case 'TSTypeLiteral':
      return objectsOf(type.members, pools, depth)
    case 'TSTypeReference': {
      const name = type.typeName.type === 'Identifier' ? type.typeName.name : undefined
      const args: AstNode[] = type.typeParameters?.params ?? []
      if ((name === 'Array' || name === 'ReadonlyArray') && args[0]) return arraysOf(valuesForType(args[0], pools, depth + 1))
      if (name === 'Record') return ['{}', "{ a: 'x' }", '{ a: 1, b: 2 }']
      const declared = name ? pools.declared.get(name) : undefined
      if (!declared) return []
      if (declared.type === 'TSInterfaceDeclaration') return objectsOf(declared.body.body, pools, depth)
      return valuesForType(declared.typeAnnotation, pools, depth + 1)
    }
    default:
      return []
  }
}

function objectsOf(members: AstNode[], pools: TypedValues, depth: number): string[] {
  const fields = members
    .filter((m) => m.type === 'TSPropertySignature' && (m.key.type === 'Identifier' || m.key.type === 'StringLiteral'))
    .map((m) => ({ key: m.key.name ?? m.key.value, values: valuesForType(m.typeAnnotation, pools, depth + 1), optional: !!m.optional }))
  const out: string[] = []
  for (let variant = 0; variant < VARIANTS; variant++) {
    const parts: string[] = []
    fields.forEach((field, i) => {
      if (field.values.length === 0) return
      // Step through each field's values at a different stride, so the variants differ in more than one field.
      parts.push(`${propertyKey(field.key)}: ${field.values[(variant * (2 * i + 1)) % field.values.length]}`)
    })
    out.push(parts.length ? `{ ${parts.join(', ')} }` : '{}')
  }
  return [...new Set(out)]
}

function arraysOf(items: string[]): string[] {
  if (items.length === 0) return ['[]']
  return [`[${items.slice(0, 3).join(', ')}]`, '[]', `[${items[0]}]`, `[${items.slice(1, 5).join(', ')}]`]
}

function roundRobin(lists: string[][]): string[] {
  const out: string[] = []
  for (let i = 0; out.length < 12 && lists.some((l) => l.length > i); i++)
    for (const l of lists) if (l[i] !== undefined) out.push(l[i] as string)
  return out
}

function sourceOf(literal: AstNode): string {
  if (literal.type === 'UnaryExpression') return `-${literal.argument.value}`
  if (literal.type === 'TemplateLiteral') return quote(literal.quasis[0]?.value.cooked ?? '')
  return String(literal.value)
}
