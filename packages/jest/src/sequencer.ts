export { default } from './aqe-jest-sequencer.js'
