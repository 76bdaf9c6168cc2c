// Templates of the researcher's document pages. Transcript text reaches the
// page only through `{{…}}`, which escapes it; a transcript that contains
// markup shows it as text.
enum DocumentTemplates {
  static let all: [String: String] = ["documents": documents, "document": document]

  static let documents = """
    <p><a href="/">Panels</a></p>
    <h1>Documents</h1>
    {{#hasDocuments}}
    <table tabindex="0">
    <caption>Transcripts in this project</caption>
    <thead><tr><th scope="col">Document</th><th scope="col">Participants</th><th scope="col">Words</th></tr></thead>
    <tbody>
    {{#documents}}<tr><td><a href="/documents/{{id}}">{{title}}</a></td><td>{{participants}}</td><td>{{words}}</td></tr>{{/documents}}
    </tbody>
    </table>
    {{/hasDocuments}}
    {{^hasDocuments}}<p>No documents yet. Import transcripts with <code>hark import FILES</code>.</p>{{/hasDocuments}}
    """

  /// Each turn: the speaker, the text with coded spans marked (the code's
  /// name follows each span, linking to the coding below), the codings with
  /// why and buttons to accept or reject, and a form to code words by hand.
  static let document = """
    <p><a href="/documents">All documents</a></p>
    <h1>{{title}}</h1>
    <p>Plugin suggestions are marked in the text. Open “why” under a turn to see the plugin's reason, then accept or reject it.</p>
    {{#turns}}
    <section id="t-{{id}}" class="turn" aria-labelledby="t-{{id}}-speaker">
    <h2 id="t-{{id}}-speaker">{{speaker}} <span class="state">({{role}})</span></h2>
    <p class="said">{{#pieces}}{{#marked}}<mark class="{{classes}}">{{text}}</mark>{{/marked}}{{^marked}}{{text}}{{/marked}}{{#ends}}<a class="tag" href="#s-{{id}}">[{{code}}]</a>{{/ends}}{{/pieces}}</p>
    {{#hasCodings}}
    <ul class="codings">
    {{#codings}}<li id="s-{{id}}"><mark class="code-{{codeID}}">{{code}}</mark>: “{{quote}}” <span class="state">{{status}}</span>
    {{#suggestion}}<details><summary>why</summary><p>{{explanation}} Confidence {{confidence}}.</p></details>
    {{#canAccept}}<form method="post" action="/documents/{{document}}/suggestions/{{id}}/accept" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Accept</button></form>{{/canAccept}}
    {{#canReject}}<form method="post" action="/documents/{{document}}/suggestions/{{id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Reject</button></form>{{/canReject}}
    {{/suggestion}}{{^suggestion}}<span class="state">coded by hand by {{createdBy}}</span>{{/suggestion}}</li>
    {{/codings}}
    </ul>
    {{/hasCodings}}
    <details class="code-by-hand"><summary>Code words in this turn</summary>
    <form method="post" action="/documents/{{document}}/codings">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="turn" value="{{id}}">
    <p><label for="quote-{{id}}">Words to code, exactly as in the turn</label>
    <textarea id="quote-{{id}}" name="quote" rows="2" required></textarea></p>
    <p><label for="code-{{id}}">Code</label>
    <select id="code-{{id}}" name="code"><option value="">Choose a code</option>{{#codes}}<option>{{name}}</option>{{/codes}}</select></p>
    <p><label for="new-code-{{id}}">Or a new code</label>
    <input id="new-code-{{id}}" name="new_code"></p>
    <p><button type="submit">Code these words</button></p>
    </form>
    </details>
    </section>
    {{/turns}}
    """
}
