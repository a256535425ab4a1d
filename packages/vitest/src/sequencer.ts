export { AqeVitestSequencer as default, type AqeVitestSequencerOptions, aqeSequencer } from './aqe-vitest-sequencer.js'
