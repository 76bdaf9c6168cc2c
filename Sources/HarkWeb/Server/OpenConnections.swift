// Every open connection of one server, and which of them are still waiting
// for a request head: when the limit is reached, the one that has waited
// longest is closed to make room. Hummingbird's MaximumAvailableConnections
// alone stops accepting at its limit, which under a flood of half-sent
// requests leaves a real request queued behind the flood until timeouts
// free a place; closing the oldest waiting connection lets it in at once.
import NIOCore
import Synchronization

final class OpenConnections: Sendable {
  private struct State {
    /// Each open connection; `waitingSince` is set while it has sent no whole
    /// request head since it opened or was last answered.
    var open: [ObjectIdentifier: (channel: any Channel, waitingSince: UInt64?)] = [:]
    /// Connections in the order they started waiting, oldest first; entries
    /// whose connection since closed or got busy are skipped when met.
    var queue: [(id: ObjectIdentifier, since: UInt64)] = []
    var head = 0
    var tick: UInt64 = 0
  }

  let limit: Int
  private let state = Mutex(State())

  init(limit: Int) { self.limit = limit }

  var count: Int { state.withLock { $0.open.count } }
  /// Entries still queued, stale ones included (for the test that bounds it).
  var queued: Int { state.withLock { $0.queue.count - $0.head } }

  /// A new connection, waiting for its first request. Returns nothing; closes
  /// the longest-waiting connection when this one goes over the limit.
  func opened(_ channel: any Channel) {
    let victims: [any Channel] = state.withLock { state in
      state.open[ObjectIdentifier(channel)] = (channel, nil)
      Self.markWaiting(&state, ObjectIdentifier(channel))
      var victims: [any Channel] = []
      while state.open.count > limit, let oldest = Self.popOldestWaiting(&state, sparing: ObjectIdentifier(channel)) {
        victims.append(oldest)
      }
      return victims
    }
    for victim in victims { victim.close(promise: nil) }
  }

  func waiting(_ channel: any Channel) {
    state.withLock { state in
      guard state.open[ObjectIdentifier(channel)] != nil else { return }
      Self.markWaiting(&state, ObjectIdentifier(channel))
    }
  }

  func busy(_ channel: any Channel) {
    state.withLock { $0.open[ObjectIdentifier(channel)]?.waitingSince = nil }
  }

  func closed(_ channel: any Channel) {
    state.withLock { _ = $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
  }

  private static func markWaiting(_ state: inout State, _ id: ObjectIdentifier) {
    state.tick += 1
    state.open[id]?.waitingSince = state.tick
    state.queue.append((id, state.tick))
    // Every answered request adds an entry and only closing to make room
    // takes them out: drop the stale ones before they add up.
    if state.queue.count - state.head > 4 * state.open.count + 1024 {
      let open = state.open
      state.queue = state.queue[state.head...].filter { open[$0.id]?.waitingSince == $0.since }
      state.head = 0
    }
  }

  /// Removes and returns the connection that has waited longest, if any.
  private static func popOldestWaiting(_ state: inout State, sparing spared: ObjectIdentifier) -> (any Channel)? {
    var skipped: [(id: ObjectIdentifier, since: UInt64)] = []
    defer { state.queue.insert(contentsOf: skipped, at: state.head) }
    while state.head < state.queue.count {
      let entry = state.queue[state.head]
      state.head += 1
      if state.head > 1024, state.head * 2 > state.queue.count {
        state.queue.removeFirst(state.head)
        state.head = 0
      }
      guard let found = state.open[entry.id], found.waitingSince == entry.since else { continue }
      if entry.id == spared {
        skipped.append(entry)
        continue
      }
      state.open.removeValue(forKey: entry.id)
      return found.channel
    }
    return nil
  }
}
