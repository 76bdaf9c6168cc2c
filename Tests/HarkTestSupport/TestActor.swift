// The name tests record decisions under. The store asks every decision for
// its actor; the CLI resolves it once from the environment, and so do tests,
// so the names they check are the ones a command run by the same user records.
import HarkCLI

public let testActor = ActorName.fromEnvironment().name
