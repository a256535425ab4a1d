/** Styles of the HTML report; inlined so the page is one self-contained file. */
export const HTML_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328}
header{padding:12px 20px;background:#f6f8fa;border-bottom:1px solid #d0d7de}
h1{font-size:20px;margin:0 0 6px}
main{display:grid;grid-template-columns:minmax(360px,40%) 1fr;height:calc(100vh - 110px)}
#list,#sources{overflow:auto;padding:8px 16px}
#filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin-top:6px}
ol{padding-left:28px}
li.gap{margin:4px 0}
li.gap a{font-family:ui-monospace,monospace}
.score{font-weight:600;margin-right:4px}
.kind{font-size:12px;padding:0 4px;border-radius:4px;background:#eaeef2}
.why{color:#57606a}
pre{margin:0;font:12px/1.5 ui-monospace,monospace}
.line{display:block;white-space:pre;counter-increment:line}
code{counter-reset:line}
.line::before{content:counter(line);display:inline-block;width:48px;color:#8c959f;text-align:right;margin-right:12px}
.gap-function{background:#ffd8d8}.gap-statements{background:#ffebe9}.gap-branch{background:#fff8c5}
.line:target{outline:2px solid #0969da}
.marker{background:#d4a72c;color:#fff;border-radius:3px;padding:0 3px;margin-right:4px}
section.file h2{font-size:14px;font-family:ui-monospace,monospace;margin:16px 0 4px}
`

/** The filter behaviour of the HTML report: kind toggles, a file filter and a changed-only switch. */
export const HTML_SCRIPT = `
const inputs = document.querySelectorAll('#filters input')
function apply() {
  const kinds = new Set([...document.querySelectorAll('#filters input[name=kind]:checked')].map((i) => i.value))
  const text = document.getElementById('file-filter').value.trim().toLowerCase()
  const changedOnly = document.getElementById('changed-only')?.checked
  let shown = 0
  for (const li of document.querySelectorAll('li.gap')) {
    const visible = kinds.has(li.dataset.kind) && li.dataset.file.toLowerCase().includes(text) && (!changedOnly || li.dataset.changed === 'true')
    li.hidden = !visible
    if (visible) shown++
  }
  document.getElementById('shown').textContent = String(shown)
}
for (const input of inputs) input.addEventListener('input', apply)
apply()
`
