/** The output formats of a gap report. A module of its own, so the CLI can list them without loading the reporters. */
export const GAP_FORMATS = ['table', 'md', 'json', 'html', 'sarif'] as const
/** One of {@link GAP_FORMATS}. */
export type GapFormat = (typeof GAP_FORMATS)[number]
