// GraphML for Gephi and yEd: concepts as nodes, links as directed edges with
// weight, polarity, confidence, citations and sources as data keys.

extension CognitiveMap {
  /// Node ids: `C<id>` for a project concept, else `n<index>`; edge ids likewise `L<id>` or `e<index>`.
  func nodeID(_ index: Int) -> String {
    concepts[index].projectID.map { "C\($0)" } ?? "n\(index)"
  }

  func edgeID(_ index: Int) -> String {
    links[index].projectID.map { "L\($0)" } ?? "e\(index)"
  }
}

public enum MapGraphML {
  public static func write(_ map: CognitiveMap) -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
      xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <key id="label" for="node" attr.name="label" attr.type="string"/>
        <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
        <key id="polarity" for="edge" attr.name="polarity" attr.type="int"/>
        <key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>
        <key id="citations" for="edge" attr.name="citations" attr.type="int"/>
        <key id="sources" for="edge" attr.name="sources" attr.type="int"/>
        <graph id="map" edgedefault="directed">

      """
    for (index, concept) in map.concepts.enumerated() {
      out += "    <node id=\"\(map.nodeID(index))\">\n"
      out += "      <data key=\"label\">\(MapXML.escape(concept.name))</data>\n"
      out += "    </node>\n"
    }
    for (index, link) in map.links.enumerated() {
      out += "    <edge id=\"\(map.edgeID(index))\" source=\"\(map.nodeID(link.cause))\" "
      out += "target=\"\(map.nodeID(link.effect))\">\n"
      out += "      <data key=\"weight\">\(MapNumber.text(link.weight))</data>\n"
      out += "      <data key=\"polarity\">\(link.weight < 0 ? -1 : 1)</data>\n"
      out += "      <data key=\"confidence\">\(MapNumber.text(link.confidence))</data>\n"
      out += "      <data key=\"citations\">\(link.citations)</data>\n"
      out += "      <data key=\"sources\">\(link.sources)</data>\n"
      out += "    </edge>\n"
    }
    out += "  </graph>\n</graphml>\n"
    return out
  }
}
