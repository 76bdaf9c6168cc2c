import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing
import ZIPFoundation

/// A minimal Word document: the parts Word needs around a `w:body`.
func makeDocx(body: String, documentPath: String = "word/document.xml") throws -> Data {
  let parts: [(String, String)] = [
    (
      "[Content_Types].xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/word/document.xml" \
      ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
      </Types>
      """
    ),
    (
      "_rels/.rels",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" \
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
      Target="word/document.xml"/></Relationships>
      """
    ),
    (
      documentPath,
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
      """
    ),
  ]
  let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
  for (path, text) in parts {
    let bytes = Data(text.utf8)
    try archive.addEntry(
      with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
    ) { position, size in
      bytes.subdata(in: Int(position)..<Int(position) + size)
    }
  }
  return try #require(archive.data)
}

@Suite("Reading Word transcripts")
struct ImportDocxTests {
  @Test(
    "bold names (colon inside or after the bold run) and plain Name: paragraphs open turns; headings end them"
  )
  func paragraphsAndTurns() throws {
    let body = """
      <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Kwame and Sam</w:t></w:r></w:p>\
      <w:p><w:r><w:t>Recorded in the hall</w:t></w:r></w:p>\
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Sam</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>:</w:t></w:r>\
      <w:r><w:t xml:space="preserve"> Welcome.</w:t></w:r><w:r><w:tab/><w:t>Tea?</w:t></w:r></w:p>\
      <w:p><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>Kwame</w:t></w:r>\
      <w:r><w:t xml:space="preserve">: Thank you.</w:t><w:br/><w:t>Café 💛 time.</w:t></w:r></w:p>\
      <w:p><w:r><w:t>It was good.</w:t></w:r>\
      <w:r><w:pict><w:txbxContent><w:p><w:r><w:t>BOX</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>\
      <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">Sam: Plain label. </w:t></w:r></w:p>\
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Important</w:t></w:r><w:r><w:t xml:space="preserve"> words, not a label.</w:t></w:r></w:p>\
      <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Dream</w:t></w:r></w:p>\
      <w:p><w:r><w:t>After the heading.</w:t></w:r></w:p>\
      <w:p/>\
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Kwame:</w:t></w:r><w:r><w:t xml:space="preserve"> Last &amp; best</w:t></w:r>\
      <w:r><w:t>  .  </w:t></w:r></w:p>
      """
    let transcript = try readTranscript(makeDocx(body: body), name: "kwame.docx")
    #expect(
      transcript.text == """
        Kwame and Sam

        Recorded in the hall

        Sam: Welcome. Tea?

        Kwame: Thank you.
        Café 💛 time.

        It was good.

        Sam: Plain label.

        Important words, not a label.

        Dream

        After the heading.

        Kwame: Last & best.

        """)
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Sam", start: 42, end: 55),
        ImportedTurn(speaker: "Kwame", start: 64, end: 101),
        ImportedTurn(speaker: "Sam", start: 108, end: 151),
        ImportedTurn(speaker: "Kwame", start: 187, end: 199),
      ])
    #expect(
      spokenWords(transcript) == [
        "Welcome. Tea?", "Thank you.\nCafé 💛 time.\n\nIt was good.",
        "Plain label.\n\nImportant words, not a label.",
        "Last & best.",
      ])
    #expect(transcript.title == "Kwame and Sam")
    #expect(transcript.format == .docx)
  }

  @Test("without a heading the first paragraph before any turn is the title, else the file name")
  func titles() throws {
    let withLine = try makeDocx(
      body:
        "<w:p><w:r><w:t>Bernadette, Hillside</w:t></w:r></w:p><w:p><w:r><w:t>Sam: Hi.</w:t></w:r></w:p>"
    )
    #expect(try readTranscript(withLine, name: "b.docx").title == "Bernadette, Hillside")
    let turnsOnly = try makeDocx(body: "<w:p><w:r><w:t>Sam: Hi.</w:t></w:r></w:p>")
    let transcript = try readTranscript(turnsOnly, name: "bernadette-carer.docx")
    #expect(transcript.title == "bernadette-carer")
    #expect(transcript.text == "Sam: Hi.\n")
    #expect(transcript.turns == [ImportedTurn(speaker: "Sam", start: 5, end: 8)])
  }

  @Test("the corpus's Word transcript made with python-docx reads bold and plain speaker labels")
  func corpusKwame() throws {
    let url = corpusTranscript("kwame-faith-leader.docx")
    let transcript = try TranscriptReader.read(contentsOf: url)
    #expect(
      transcript.title == "Appreciative Inquiry Interview: Kwame (community and faith leaders)")
    let found = Dictionary(grouping: transcript.turns, by: \.speaker).mapValues(\.count)
    #expect(found == ["Kwame": 23, "Sam": 14])
    let words = spokenWords(transcript)
    #expect(words.first == "Pastor Kwame, thank you for having me. Is it all right if I record?")
    // This turn is a plain "Kwame: ..." paragraph in the document, not a bold run.
    #expect(words.contains { $0.hasPrefix("And four, and I think this is the most important") })
    #expect(
      transcript.text.hasPrefix(
        "Appreciative Inquiry Interview: Kwame (community and faith leaders)\n\nRecorded 26 March 2024 in the church hall, Eastfield. Interviewer Sam.\n\nSam: Pastor Kwame,"
      ))
  }
}
