// The framed binary protocol between the host and a worker process.
// A frame is: length (UInt32, little-endian, of kind + payload), kind (1 byte), payload.
// Host → worker: open(options), document(payload), finish. Worker → host:
// ready(descriptor id, or in describe mode the descriptor as JSON),
// results(raw results), failed(message), refused(why the worker could not
// enter its sandbox; it loaded nothing).

enum FrameKind: UInt8 {
  case open = 0x4F  // O
  case document = 0x44  // D
  case finish = 0x46  // F
  case ready = 0x6F  // o
  case results = 0x52  // R
  case failed = 0x45  // E
  case refused = 0x53  // S
}

struct WireWriter {
  var bytes: [UInt8] = []

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
  mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
  mutating func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
  mutating func raw(_ v: [UInt8]) {
    u32(UInt32(v.count))
    bytes.append(contentsOf: v)
  }
  mutating func string(_ v: String) { raw(Array(v.utf8)) }

  static func frame(_ kind: FrameKind, _ payload: [UInt8] = []) -> [UInt8] {
    var w = WireWriter()
    w.u32(UInt32(payload.count + 1))
    w.u8(kind.rawValue)
    w.bytes.append(contentsOf: payload)
    return w.bytes
  }
}

/// A value that crosses the worker pipe: written and read field by field, in
/// one order (each result type's codec sits beside its struct).
protocol WireCodable {
  func encode(into w: inout WireWriter)
  init(wire r: inout WireReader) throws
}

extension WireWriter {
  mutating func list<T: WireCodable>(_ items: [T]) {
    u32(UInt32(items.count))
    for item in items { item.encode(into: &self) }
  }
}

extension WireReader {
  mutating func list<T: WireCodable>() throws -> [T] {
    var items: [T] = []
    for _ in 0..<(try count()) { items.append(try T(wire: &self)) }
    return items
  }
}

struct WireError: Error, CustomStringConvertible {
  var description: String
}

struct WireReader {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func need(_ n: Int) throws {
    guard n >= 0, position + n <= bytes.count else { throw WireError(description: "truncated message from worker") }
  }
  mutating func u8() throws -> UInt8 {
    try need(1)
    defer { position += 1 }
    return bytes[position]
  }
  mutating func u32() throws -> UInt32 {
    try need(4)
    var v: UInt32 = 0
    for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
    position += 4
    return v
  }
  mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
  mutating func f64() throws -> Double {
    try need(8)
    var v: UInt64 = 0
    for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
    position += 8
    return Double(bitPattern: v)
  }
  mutating func raw() throws -> [UInt8] {
    let n = Int(try u32())
    try need(n)
    defer { position += n }
    return Array(bytes[position..<position + n])
  }
  mutating func string() throws -> String { String(decoding: try raw(), as: UTF8.self) }
  mutating func count(limit: Int = HostLimits.resultsPerDocument) throws -> Int {
    let n = Int(try u32())
    guard n <= limit else { throw WireError(description: "message claims \(n) items, more than the limit of \(limit)") }
    return n
  }
}

extension DocumentPayload {
  func encoded() -> [UInt8] {
    var w = WireWriter()
    w.string(id)
    w.string(title)
    w.raw(text)
    w.u32(UInt32(turns.count))
    for t in turns {
      w.u32(t.start)
      w.u32(t.end)
      w.i32(t.speaker)
      w.i32(t.role)
    }
    w.u32(UInt32(speakers.count))
    for s in speakers {
      w.string(s.name)
      w.i32(s.role)
      w.string(s.group)
    }
    w.u32(UInt32(concepts.count))
    for c in concepts { w.string(c) }
    w.u32(UInt32(codes.count))
    for c in codes {
      w.string(c.name)
      w.string(c.parent)
      w.string(c.description)
    }
    return w.bytes
  }

  init(decoding bytes: [UInt8]) throws {
    var r = WireReader(bytes)
    let id = try r.string()
    let title = try r.string()
    let text = try r.raw()
    var turns: [PayloadTurn] = []
    for _ in 0..<(try r.count()) {
      turns.append(PayloadTurn(start: try r.u32(), end: try r.u32(), speaker: try r.i32(), role: try r.i32()))
    }
    var speakers: [PayloadSpeaker] = []
    for _ in 0..<(try r.count()) {
      speakers.append(PayloadSpeaker(name: try r.string(), role: try r.i32(), group: try r.string()))
    }
    var concepts: [String] = []
    for _ in 0..<(try r.count()) { concepts.append(try r.string()) }
    var codes: [PayloadCode] = []
    for _ in 0..<(try r.count()) {
      codes.append(PayloadCode(name: try r.string(), parent: try r.string(), description: try r.string()))
    }
    self.init(id: id, title: title, text: text, turns: turns, speakers: speakers, concepts: concepts, codes: codes)
  }
}

extension RawResults {
  func encoded() -> [UInt8] {
    var w = WireWriter()
    w.list(codes)
    w.list(concepts)
    w.list(links)
    w.list(scores)
    w.u32(UInt32(log.count))
    for line in log { w.string(line) }
    w.u32(UInt32(dropped))
    w.u32(UInt32(refused.count))
    for reason in refused { w.string(reason) }
    return w.bytes
  }

  init(decoding bytes: [UInt8]) throws {
    var r = WireReader(bytes)
    self.init()
    codes = try r.list()
    concepts = try r.list()
    links = try r.list()
    scores = try r.list()
    for _ in 0..<(try r.count(limit: HostLimits.logLines)) { log.append(try r.string()) }
    dropped = Int(try r.u32())
    for _ in 0..<(try r.count(limit: HostLimits.logLines)) { refused.append(try r.string()) }
  }
}
