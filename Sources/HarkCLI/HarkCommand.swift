import ArgumentParser

public struct HarkCommand: ParsableCommand {
  public init() {}
}
