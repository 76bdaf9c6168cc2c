// How `hark-dev bench` measures: wall and CPU time of a stage or of one thread,
// and the peak memory of a stage's process and of its workers.
import Foundation
import HarkCLI
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Wall and CPU time (this process and the children it has reaped) since
/// creation, less what the memory watch itself spent.
struct Usage {
  private let wall = Usage.monotonic()
  private let cpu = Usage.cpuSeconds() - MemoryWatch.shared.cpuSeconds

  func elapsed() -> (seconds: Double, cpuSeconds: Double) {
    (Usage.monotonic() - wall, Usage.cpuSeconds() - MemoryWatch.shared.cpuSeconds - cpu)
  }

  static func cpuSeconds() -> Double {
    var total = 0.0
    for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
      var usage = rusage()
      getrusage(who.rawValue, &usage)
      total += seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
    return total
  }

  static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

  static func monotonic() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// ru_maxrss: the peak resident memory of this process, or of its largest reaped child.
  static func peakMemoryKB(_ who: __rusage_who) -> Int {
    var usage = rusage()
    getrusage(who.rawValue, &usage)
    return Int(usage.ru_maxrss)
  }
}

/// Peak resident memory (VmHWM in /proc) of this process and of the largest
/// worker it starts, the workers read every 20 ms while they live. Not
/// ru_maxrss: a process started with posix_spawn shares its parent's memory
/// until it execs, and Linux then counts the parent's peak in the child's.
final class MemoryWatch: Sendable {
  static let shared = MemoryWatch()

  private let largest = Atomic<Int>(0)
  private let running = Atomic<Bool>(false)
  private let stopped = DispatchSemaphore(value: 0)
  /// CPU the watching thread has used, in microseconds.
  private let spent = Atomic<Int>(0)

  var cpuSeconds: Double { Double(spent.load(ordering: .relaxed)) / 1e6 }

  func start() {
    guard !running.exchange(true, ordering: .relaxed) else { return }
    let thread = Thread { [self] in
      let clock = ThreadClock()
      // A child just started may not have exec'd yet and still show this
      // process's memory: a worker is read from its second sighting on.
      var seen = Set<Int>()
      while running.load(ordering: .relaxed) {
        for pid in Self.children() where !seen.insert(pid).inserted {
          if let peak = Self.peakKB("/proc/\(pid)/status") { largest.max(peak, ordering: .relaxed) }
        }
        spent.store(Int(clock.elapsed().cpuSeconds * 1e6), ordering: .relaxed)
        usleep(100_000)  // a worker lives the whole run: reading often only costs CPU
      }
      stopped.signal()
    }
    thread.start()
  }

  /// Stops watching: this process's peak and the largest worker's, in kilobytes.
  func stop() -> (own: Int, largestWorker: Int) {
    if running.exchange(false, ordering: .relaxed) { stopped.wait() }
    let own = Self.peakKB("/proc/self/status") ?? Usage.peakMemoryKB(RUSAGE_SELF)
    return (own, largest.load(ordering: .relaxed))
  }

  /// Processes started by any thread of this one.
  static func children() -> [Int] {
    guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return [] }
    return tasks.flatMap { task -> [Int] in
      guard let text = try? String(contentsOfFile: "/proc/self/task/\(task)/children", encoding: .utf8) else {
        return []
      }
      return text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
  }

  /// VmHWM of a /proc status file, in kilobytes.
  static func peakKB(_ statusFile: String) -> Int? {
    guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
  }
}

/// Wall and CPU time of the calling thread since creation: the CPU time is
/// the fair figure on a machine others are using at the same time.
struct ThreadClock {
  private let wall = Usage.monotonic()
  private let cpu = ThreadClock.cpuSeconds()

  func elapsed() -> (seconds: Double, cpuSeconds: Double) {
    (Usage.monotonic() - wall, ThreadClock.cpuSeconds() - cpu)
  }

  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
