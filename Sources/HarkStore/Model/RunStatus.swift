// Where a coding run stands and how it ran, as stored in `coding_run`.
import GRDB

/// A run is running until it finishes; a run a killed process left running
/// is marked interrupted when the next one starts.
public enum RunStatus: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
  case running
  case finished
  case interrupted
}

/// Plugins ran in sandboxed worker processes, or in Hark's own process.
public enum RunIsolation: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
  case workers
  case inProcess = "in-process"
}
