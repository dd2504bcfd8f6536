// The analyses as plain functions over an open project file: the handlers, the reports and the
// benchmarks all call these.
export { resolveCoders, type CoderContext } from './coder-choice';
export { buildCodingsQuery, loadCodedRows, studyIndex, type CodedRows, type StudyIndex } from './coded-rows';
export { loadCodebookIndex, type CodebookIndex } from './codebook-index';
export { computeCooccurrence, type ComputeCooccurrenceOptions } from './cooccurrence';
export { computeFrequencies, computeSources } from './frequencies';
export { computeMatrix, type ComputeMatrixOptions } from './matrix';
export { cooccurrenceTable, exportCooccurrence } from './cooccurrence-export';
export { exportMatrix, matrixTable } from './matrix-export';
export { listPassages } from './passages';
export { nameHistory, savePositions, thematicMap, updateTheme } from './thematic-map';
