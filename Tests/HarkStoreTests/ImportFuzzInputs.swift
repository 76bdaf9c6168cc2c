// The fuzz harness's starting files (small, valid, written for it) and its mutations.

/// One starting file: the reader it goes to and its bytes.
struct FuzzSeed {
  var format: String
  var bytes: [UInt8]

  init(_ format: String, _ text: String) {
    self.format = format
    bytes = Array(text.utf8)
  }
}

enum FuzzSeeds {
  static let all: [FuzzSeed] = [
    FuzzSeed("txt", "Interview 3\n\nRuth: How did it start?\n[00:01:02] Sam: With a phone call.\nIt went on.\n"),
    FuzzSeed(
      "txt",
      "INTERVIEW NO. 4\t\tDATE: 1/2/91\r\nMRS. A. BROWN\r\n\r\n0.39\tMy name is Ann.\r\n\r\n\tWhere was that?\r\n\r\n1.02\tBy the river…\r\nSIDE B\r\n"
    ),
    FuzzSeed("txt", "Speaker 1  00:00:03\nHello there.\n\nAmina (00:00:09): Hi. Fine?\n"),
    FuzzSeed("md", "# Group\n\n**Ruth:** Welcome.\n\n- a point\n\n__Sam__: Thanks — café.\n\n---\n"),
    FuzzSeed(
      "vtt",
      "WEBVTT\n\nNOTE Title: Call\n\n1\n00:00:01.000 --> 00:00:02.500\n<v Ruth>Hi &amp; <i>welcome</i></v>\n\n00:00:03.000 --> 00:00:04.000\n<v Sam>Yes.</v>\n"
    ),
    FuzzSeed(
      "srt",
      "1\n00:00:01,000 --> 00:00:02,000\nRuth: Hello.\n\n2\n00:00:02,500 --> 00:00:03,000\n- Sam: Hi {\\i1}there{\\i0}.\n"
    ),
    FuzzSeed(
      "docx-xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
      <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Call</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Ruth:</w:t></w:r><w:r><w:t xml:space="preserve"> Hi<w:tab/>there.</w:t></w:r></w:p>
      <w:p><w:r><w:t>Sam: Fine.</w:t><w:br/></w:r></w:p>
      </w:body></w:document>
      """),
    FuzzSeed(
      "qde",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="P"><Users><User guid="a" name="ana"/></Users>
      <CodeBook><Codes><Code guid="b" name="x" isCodable="true"><Code guid="c" name="y" isCodable="true"/></Code></Codes></CodeBook>
      <Sources><TextSource guid="d" name="One" plainTextPath="internal://d.txt"><PlainTextSelection guid="e" startPosition="0" endPosition="3"><Coding guid="f"><CodeRef targetGUID="b"/></Coding></PlainTextSelection></TextSource></Sources>
      <Notes><Note guid="g"><PlainTextContent><![CDATA[a <memo>]]></PlainTextContent></Note></Notes></Project>
      """),
    FuzzSeed(
      "qdc",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name="Support" isCodable="true" color="#112233"><Description>help &amp; kindness</Description></Code></Codes></CodeBook>
      """),
  ]
}

/// Byte-level mutations, with the tokens that matter to these formats.
enum FuzzMutator {
  static let tokens: [[UInt8]] =
    [
      "<", ">", "</", "/>", "<a>", "</a>", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>", "&", "&amp;", "&#0;",
      "&#x10FFFF;",
      "\"", "'", "=", ":", "?", "\t", "\n", "\r\n", "\r", " --> ", "WEBVTT", "00:00:01.000", "00:00:01,000", "<v ",
      "</v>",
      "Name: ", "**", "# ", "0.39\t", "SIDE A", "[00:01:02]", "(00:00:01):", "  0:03", "xmlns:w=\"x\"", "w:",
    ].map { Array($0.utf8) } + [
      [0xFF], [0xFE], [0xC3], [0xE2, 0x80], [0x85], [0x92], [0x00], [0xEF, 0xBB, 0xBF], [0xC2, 0x85],
    ]

  static func mutate(_ bytes: inout [UInt8], splicing other: [UInt8], random: inout SeededRandom) {
    let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
    switch random.below(8) {
    case 0 where !bytes.isEmpty:
      // Flip one bit.
      let index = random.below(bytes.count)
      bytes[index] ^= UInt8(1 << random.below(8))
    case 1:
      bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: position)
    case 2 where !bytes.isEmpty:
      // Delete a short range.
      let start = random.below(bytes.count)
      bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
    case 3 where bytes.count > 1:
      // Repeat a range many times: long runs, deep nesting when it holds a start tag.
      let start = random.below(bytes.count - 1)
      let range = start..<min(bytes.count, start + 1 + random.below(12))
      let piece = Array(bytes[range])
      let times = [2, 10, 300, 3_000][random.below(4)]
      bytes.insert(contentsOf: Array([[UInt8]](repeating: piece, count: times).joined()), at: range.upperBound)
    case 4 where !other.isEmpty:
      // Splice in part of another seed.
      let start = random.below(other.count)
      bytes.insert(contentsOf: other[start..<min(other.count, start + 1 + random.below(64))], at: position)
    case 5 where !bytes.isEmpty:
      // Overwrite a byte with one that is often special.
      bytes[random.below(bytes.count)] =
        [0x00, 0x0A, 0x0D, 0x3C, 0x3E, 0x26, 0x3A, 0x80, 0xBF, 0xC0, 0xFF][random.below(11)]
    case 6:
      // Nest a tag a few hundred deep, around the 256 limit.
      let depth = 200 + random.below(120)
      let tag = ["w:p", "Code", "a", "v"][random.below(4)]
      let nested = String(repeating: "<\(tag)>", count: depth) + String(repeating: "</\(tag)>", count: depth)
      bytes.insert(contentsOf: Array(nested.utf8), at: position)
    default:
      bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
    }
  }
}
