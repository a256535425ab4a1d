import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Node, parseSource } from './parse-source.js'

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']

/** A declaration's source, or where a re-export points. */
type Declaration = string | { from: string; name: string }

/** Top-level declarations of a module by exported name (`default` for the default export), and its `export *` sources. */
interface ModuleDeclarations {
  named: Map<string, Declaration>
  stars: string[]
}

/** A declaration the code under test is made of. */
export interface SubjectDeclaration {
  /** `<absolute module file>#<exported name>` */
  id: string
  source: string
}

const MAX_REEXPORT_DEPTH = 8

/** Reads the code under test: the declarations a test imports from relative modules (through re-exports), cached per module. */
export class SubjectExtractor {
  private readonly modules = new Map<string, ModuleDeclarations | undefined>()

  /** The source of each used import that resolves to a declaration in a relative module, joined by blank lines. */
  extract(testFile: string, uses: readonly { imported: string; source: string }[]): string {
    const parts: string[] = []
    for (const use of uses) {
      const found = this.declaration(testFile, use)
      if (found && !parts.includes(found.source)) parts.push(found.source)
    }
    return parts.join('\n\n')
  }

  /** The declaration an import of a test resolves to, following `export … from` chains; undefined for packages and unknown names. */
  declaration(testFile: string, use: { imported: string; source: string }): SubjectDeclaration | undefined {
    if (!use.source.startsWith('.')) return undefined
    return this.lookup(resolve(dirname(testFile), use.source), use.imported, 0)
  }

  private lookup(base: string, name: string, depth: number): SubjectDeclaration | undefined {
    const file = resolveModule(base)
    const module = file && this.declarations(file)
    if (!file || !module || depth > MAX_REEXPORT_DEPTH) return undefined
    const found = module.named.get(name)
    if (typeof found === 'string') return { id: `${file}#${name}`, source: found }
    if (found) return this.lookup(found.from, found.name, depth + 1)
    for (const star of module.stars) {
      const viaStar = this.lookup(star, name, depth + 1)
      if (viaStar) return viaStar
    }
    return undefined
  }

  private declarations(file: string): ModuleDeclarations | undefined {
    if (!this.modules.has(file)) this.modules.set(file, readDeclarations(file))
    return this.modules.get(file)
  }
}

function resolveModule(base: string): string | undefined {
  const stripped = base.replace(/\.[mc]?js$/, '')
  for (const candidate of [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.slice(1).map((e) => join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return undefined
}

function readDeclarations(file: string): ModuleDeclarations | undefined {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const module: ModuleDeclarations = { named: new Map(), stars: [] }
  const text = (node: Node) => source.slice(node.start ?? 0, node.end ?? 0)
  const from = (node: Node) => resolve(dirname(file), (node.source as { value: string }).value)
  try {
    for (const statement of (parseSource(source, file).program as { body: Node[] }).body) {
      if (statement.type === 'ExportAllDeclaration') module.stars.push(from(statement))
      else if (statement.type === 'ExportNamedDeclaration' && statement.source) {
        for (const spec of statement.specifiers as Node[]) {
          const exported = spec.exported as Node
          const local = (spec.local ?? exported) as Node
          module.named.set(nameOf(exported), { from: from(statement), name: nameOf(local) })
        }
      } else {
        const inner = statement.type === 'ExportNamedDeclaration' && statement.declaration ? (statement.declaration as Node) : statement
        if (statement.type === 'ExportDefaultDeclaration') module.named.set('default', text(statement))
        for (const name of declaredNames(inner)) module.named.set(name, text(statement))
      }
    }
  } catch {
    return undefined
  }
  return module
}

function nameOf(node: Node): string {
  return node.type === 'Identifier' ? (node.name as string) : String(node.value)
}

function declaredNames(node: Node): string[] {
  if (
    ['FunctionDeclaration', 'ClassDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSEnumDeclaration'].includes(node.type)
  ) {
    const id = node.id as { name?: string } | null
    return id?.name ? [id.name] : []
  }
  if (node.type === 'VariableDeclaration') {
    return (node.declarations as Node[]).flatMap((d) => {
      const id = d.id as { type: string; name?: string }
      return id.type === 'Identifier' && id.name ? [id.name] : []
    })
  }
  return []
}
