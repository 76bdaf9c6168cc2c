// A growable buffer of plain values that is reused from sentence to
// sentence: appending is a store and a count, with none of Array's
// uniqueness checks, which cost more than the scanning itself.

/// Plain values (no references) in memory this buffer owns.
final class ScratchBuffer<Element: BitwiseCopyable> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 64) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inline(__always)
  func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  @inline(__always)
  func removeAll() { count = 0 }

  @inline(__always)
  subscript(i: Int) -> Element {
    get {
      precondition(i >= 0 && i < count, "index out of range")
      return base[i]
    }
    set {
      precondition(i >= 0 && i < count, "index out of range")
      base[i] = newValue
    }
  }

  /// The elements, valid until the next append or `removeAll`.
  var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

  private func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    bigger.initialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}
