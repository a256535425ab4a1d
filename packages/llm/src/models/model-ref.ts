import { basename } from 'node:path'

/** A model named on the command line or in the config: a file on disk or a URL to download. */
export type ModelRef = { kind: 'file'; path: string } | { kind: 'url'; url: string; fileName: string; sha256?: string }

/**
 * Parses `PATH`, `https://…/model.gguf[#sha256=HEX]` or `hf:owner/repo/file.gguf[#sha256=HEX]`
 * (a Hugging Face file, downloaded from its `resolve/main` URL).
 */
export function parseModelRef(value: string): ModelRef {
  const [location, fragment] = splitFragment(value)
  const sha256 = /^sha256=([0-9a-f]{64})$/i.exec(fragment ?? '')?.[1]?.toLowerCase()
  if (location.startsWith('hf:')) {
    const [owner, repo, ...file] = location.slice(3).split('/')
    const url = `https://huggingface.co/${owner}/${repo}/resolve/main/${file.join('/')}`
    return { kind: 'url', url, fileName: file[file.length - 1] ?? `${repo}.gguf`, sha256 }
  }
  if (/^https?:\/\//i.test(location)) {
    const fileName = decodeURIComponent(basename(new URL(location).pathname)) || 'model.gguf'
    return { kind: 'url', url: location, fileName, sha256 }
  }
  return { kind: 'file', path: value }
}

function splitFragment(value: string): [string, string | undefined] {
  const hash = value.indexOf('#')
  return hash < 0 ? [value, undefined] : [value.slice(0, hash), value.slice(hash + 1)]
}
