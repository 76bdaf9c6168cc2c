import HarkPluginKit
import Testing

@Suite("Word keys and tables")
struct WordKeyTests {
  @Test("a token's key is the key of its lowercased word, with curly apostrophes made straight")
  func tokenKeys() {
    let bytes = Array("Didn’t LISTEN, Zoë didn't".utf8)
    let keys = Tokenizer.tokens(bytes, in: 0..<bytes.count).map(\.key)
    #expect(keys == [WordKey("didn't"), WordKey("listen"), WordKey(","), WordKey("zoë"), WordKey("didn't")])
    #expect(WordKey("listen") != WordKey("listens"))
  }

  @Test("a hasher fed a word's bytes in a plugin's own loop gives the word's key, FNV-1a then the avalanche")
  func hasher() {
    var hasher = WordHasher()
    for byte in "didn't".utf8 { hasher.add(byte) }
    #expect(hasher.key == WordKey("didn't"))
    // Pinned: plugins keep keys in their own tables, built with this hash.
    #expect(hasher.key.raw == 0x6D93_9287_79EC_06BF)
    #expect(WordHasher().key.raw == 0xEFD0_1F60_BA99_2926)
    // 0 marks an empty slot in a table, so no key is 0.
    #expect(WordHasher.finish(0) == 1)
  }

  @Test("a table finds what was put in, misses what was not, and survives growth and removal")
  func table() {
    var table = WordTable<Int>()
    for n in 0..<1000 { table["word\(n)"] = n }
    #expect(table.count == 1000)
    #expect(table["word0"] == 0)
    #expect(table["word999"] == 999)
    #expect(table["word1000"] == nil)
    for n in stride(from: 0, to: 1000, by: 2) { table["word\(n)"] = nil }
    #expect(table.count == 500)
    #expect((0..<1000).filter { table["word\($0)"] != nil } == Array(stride(from: 1, to: 1000, by: 2)))
    table["word1"] = -1
    #expect(table["word1"] == -1)
    #expect(table.count == 500)
  }

  @Test("a phrase key depends on the words and their order")
  func phraseKeys() {
    let cup = WordKey(words: [WordKey("cup"), WordKey("of"), WordKey("tea")])
    #expect(cup == WordKey(words: [WordKey("cup"), WordKey("of"), WordKey("tea")]))
    #expect(cup != WordKey(words: [WordKey("tea"), WordKey("of"), WordKey("cup")]))
    #expect(cup != WordKey(words: [WordKey("cup"), WordKey("of")]))
  }

  @Test("a word set answers membership by key or by word")
  func set() {
    let set = WordSet(["not", "never", "didn't"])
    #expect(set.count == 3)
    #expect(set.contains(WordKey("never")))
    #expect(set.contains("didn't"))
    #expect(!set.contains("ever"))
  }
}
