// Templates of the researcher's document pages. Transcript text reaches the
// page only through `{{…}}`, which escapes it; a transcript that contains
// markup shows it as text.
enum DocumentTemplates {
  static let all: [String: String] = ["documents": documents, "document": document]

  static let documents = """
    <p><a href="/">Panels</a> · <a href="/codebook">Codebook</a></p>
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

  /// Each turn: the speaker, the text with coded spans marked in their
  /// code's colour (from /codes.css; the code's name follows each span,
  /// linking to the coding below), the codings with why and buttons to
  /// accept or reject, the quotes that are evidence for links, and forms to
  /// code words by hand and to make a link from words. Then the memos.
  static let document = """
    <link rel="stylesheet" href="/codes.css">
    <p><a href="/documents">All documents</a> · <a href="/codebook">Codebook</a> · <a href="#memos">Memos</a></p>
    <h1>{{title}}</h1>
    <p>Plugin suggestions are marked in the text. Open “why” under a turn to see the plugin's reason, then accept or reject it.</p>
    {{#hasLegend}}<p id="legend-heading">Codes marked in this document:</p>
    <ul class="legend" aria-labelledby="legend-heading">{{#legend}}<li><mark class="code-{{id}}">{{name}}</mark></li>{{/legend}}</ul>{{/hasLegend}}
    <datalist id="concepts">{{#concepts}}<option value="{{label}}"></option>{{/concepts}}</datalist>
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
    {{#hasEvidence}}
    <ul class="evidence">
    {{#evidence}}<li id="e-{{id}}">Link L{{link}}: <strong>{{cause}}</strong> {{polarity}} <strong>{{effect}}</strong>, “{{quote}}” <span class="state">strength {{strength}}, {{by}}, link {{status}}</span> <a href="/memos/link/{{link}}">Memos on L{{link}}</a></li>
    {{/evidence}}
    </ul>
    {{/hasEvidence}}
    <details class="code-by-hand"><summary>Code words in this turn</summary>
    <form method="post" action="/documents/{{document}}/codings">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="turn" value="{{id}}">
    <p><label for="quote-{{id}}">Words to code, exactly as in the turn</label>
    <textarea id="quote-{{id}}" name="quote" rows="2" required></textarea></p>
    <p><label for="code-{{id}}">Code</label>
    <select id="code-{{id}}" name="code"><option value="">Choose a code</option>{{#codes}}<option{{#nested}} value="{{name}}"{{/nested}}>{{nested}}{{name}}</option>{{/codes}}</select></p>
    <p><label for="new-code-{{id}}">Or a new code</label>
    <input id="new-code-{{id}}" name="new_code"></p>
    <p><button type="submit">Code these words</button></p>
    </form>
    </details>
    {{#canLink}}
    <details class="link-by-hand"><summary>Make a link from these words</summary>
    <form method="post" action="/documents/{{document}}/links">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="turn" value="{{id}}">
    <p><label for="link-quote-{{id}}">Words that say it, exactly as in the turn</label>
    <textarea id="link-quote-{{id}}" name="quote" rows="2" required></textarea></p>
    <p><label for="cause-{{id}}">Cause: pick a concept or write a new one</label>
    <input id="cause-{{id}}" name="cause" list="concepts" required></p>
    <p><label for="effect-{{id}}">Effect: pick a concept or write a new one</label>
    <input id="effect-{{id}}" name="effect" list="concepts" required></p>
    <fieldset>
    <legend>The cause…</legend>
    <p><input type="radio" id="increases-{{id}}" name="polarity" value="increases" required>
    <label for="increases-{{id}}">increases the effect</label></p>
    <p><input type="radio" id="decreases-{{id}}" name="polarity" value="decreases">
    <label for="decreases-{{id}}">decreases the effect</label></p>
    </fieldset>
    <fieldset>
    <legend>How strongly? (you can leave this out; it then counts as some)</legend>
    {{#strengths}}<p><input type="radio" id="strength-{{value}}-{{id}}" name="strength" value="{{value}}">
    <label for="strength-{{value}}-{{id}}">{{label}}</label></p>{{/strengths}}
    <p><label for="strength-number-{{id}}">Or a number from 0 to 1</label>
    <input id="strength-number-{{id}}" name="strength_number" inputmode="decimal"></p>
    </fieldset>
    <p><button type="submit">Make this link</button></p>
    </form>
    </details>
    {{/canLink}}
    </section>
    {{/turns}}
    <section id="memos" aria-labelledby="memos-heading">
    <h2 id="memos-heading">Memos on this document</h2>
    \(CodebookTemplates.memoList)
    </section>
    """
}
