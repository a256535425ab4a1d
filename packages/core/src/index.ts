export type { AqeConfig, GapsConfig, LlmConfig } from './config/aqe-config.js'
export { defineConfig } from './config/aqe-config.js'
export { validateConfig } from './config/config-schema.js'
export { type LoadedConfig, loadConfig } from './config/load-config.js'
export type {
  PatternsConfig,
  PatternsEmbedderKind,
  PatternsFusionConfig,
  PatternsHnswConfig,
} from './config/patterns-config.js'
export { DEFAULT_HISTORY_DB, resolveHistoryPath } from './config/resolve-history-path.js'
export { AqeError, type AqeErrorCode, ConfigError, InputError, isAqeError, StoreError } from './errors.js'
export {
  FILL_GAPS_ENV,
  FILL_GAPS_FLAG,
  FILL_GAPS_MODE,
  type FillGapsRequest,
  type FillGapsRequestSources,
  fillGapsRequest,
} from './fill-gaps/fill-gaps-request.js'
export { resolveRunnerBin } from './fill-gaps/resolve-runner-bin.js'
export { runWrappedRunner } from './fill-gaps/run-wrapped-runner.js'
export { betaEstimate, betaQuantile, type ProbabilityEstimate } from './flaky/beta-interval.js'
export { classifyTest } from './flaky/classify-test.js'
export { detectFlaky } from './flaky/detect-flaky.js'
export { defaultFlakyOptions, type FlakyOptions, type ResolvedFlakyOptions, resolveFlakyOptions } from './flaky/flaky-options.js'
export type { FlakyEvidence, FlakyState, FlakyVerdict } from './flaky/flaky-verdict.js'
export { newlyFlaky } from './flaky/newly-flaky.js'
export { type RunObservation, readTestObservations, type TestObservations } from './flaky/test-observations.js'
export { executionRow, formatJsonlLine, type JsonlExecution, parseJsonl } from './io/jsonl-format.js'
export { formatJunit } from './io/junit-export.js'
export { type JunitRunDefaults, parseJunit } from './io/junit-import.js'
export { type BudgetSelection, parseTimeBudget, selectWithinBudget, type TimeBudget } from './prioritise/budget-selection.js'
export { apfd, apfdc, type BudgetSchedule, napfd, type ScoredTest, scheduleWithinBudget } from './prioritise/fault-detection-metrics.js'
export { AGENT_SNAPSHOT_VERSION, type AgentSnapshot, PrioritisationAgent } from './prioritise/prioritisation-agent.js'
export { type PrioritiseTestFilesOptions, prioritiseTestFiles } from './prioritise/prioritise-test-files.js'
export {
  defaultPrioritiserOptions,
  type PrioritiserOptions,
  type ResolvedPrioritiserOptions,
  resolvePrioritiserOptions,
} from './prioritise/prioritiser-options.js'
export { sortByPriority } from './prioritise/rank-order.js'
export { type RunOutcomes, readRunOutcomes } from './prioritise/read-run-outcomes.js'
export { hashString, SeededRandom } from './prioritise/seeded-random.js'
export { shardSplit } from './prioritise/shard-split.js'
export { type CycleContext, FEATURE_COUNT, FEATURE_NAMES } from './prioritise/state-features.js'
export type { TestMemory } from './prioritise/test-memory.js'
export { isRewardedFailure, noneQuarantined, type QuarantinePredicate, visitRewardPairs } from './prioritise/time-ranked-reward.js'
export { FILE_POLICY_SCOPE, type TrainAgentOptions, type TrainedAgent, trainAgentFromStore } from './prioritise/trained-agent.js'
export type { RankedTest, TestCandidate, TestOutcome } from './prioritise/types.js'
export { planQuarantine, type QuarantinePlan } from './quarantine/auto-quarantine.js'
export { confirmRecorded } from './quarantine/confirm-recorded.js'
export { decideExit, type ExitDecision, type FailedTest, type RunFailures } from './quarantine/exit-decision.js'
export { judgeRun, type RunToJudge } from './quarantine/judge-run.js'
export { isExpired, type QuarantineEntry, type QuarantineFile } from './quarantine/quarantine-entry.js'
export {
  cleanRunsToRelease,
  defaultQuarantineOptions,
  type QuarantineOptions,
  type ResolvedQuarantineOptions,
  resolveQuarantineOptions,
} from './quarantine/quarantine-options.js'
export { DEFAULT_QUARANTINE_FILE, readQuarantine, resolveQuarantinePath, writeQuarantine } from './quarantine/quarantine-store.js'
export { formatRunReport, formatRunReportMarkdown, type RunReport } from './quarantine/run-report.js'
export { type RunVerdict, readVerdict, VERDICT_ENV, writeVerdictOnExit } from './quarantine/run-verdict.js'
export { type CiEnvironment, detectCiEnvironment } from './record/ci-environment.js'
export { describeRun, type RunDescription } from './record/describe-run.js'
export { errorSignature, type ParsedError, parseFailureText } from './record/error-signature.js'
export { readGitRevision } from './record/git-revision.js'
export { openRunRecorder, type RecorderOptions } from './record/open-run-recorder.js'
export { RunRecorder, type RunRecorderOptions } from './record/run-recorder.js'
export { joinTitles, NAME_SEPARATOR, relativeTestFile, testId } from './record/test-id.js'
export type { AttemptRecord, AttemptStatus, RunEnd, RunInfo, RunOutcome } from './record/types.js'
export { type WarnFn, warnOnStderr } from './record/warn.js'
export { type HistorySummary, type RunSummary, summarizeHistory, type TestAggregate } from './store/history-summary.js'
export { mergeStore } from './store/merge-stores.js'
export { type Migration, migrations } from './store/migrations.js'
export { type OpenStoreOptions, openDatabase } from './store/open-database.js'
export { type ExecutionRow, iterateExecutions } from './store/read-executions.js'
export { type AddRunsResult, SqliteHistoryStore, type StoredRun } from './store/sqlite-history-store.js'
