// Templates of the researcher's concept and link pages and of a panel's
// audit log. Labels, quotes and names reach the page only through `{{…}}`,
// which escapes them.
enum CurationTemplates {
  static let all: [String: String] = [
    "concepts": concepts, "concept-node": conceptNode, "concept": concept, "concept-split": conceptSplit,
    "links": links, "link": link, "evidence-filter": evidenceFilter, "panel-audit": panelAudit,
  ]

  static let concepts = """
    <p><a href="/">Panels</a> · <a href="/links">Links</a></p>
    <h1>Concepts</h1>
    <p>The concepts found in the transcripts, as a tree: a concept under another is a part or kind of it. Open one to rename, merge, split or move it.</p>
    {{#hasConcepts}}<ul class="tree">
    {{#concepts}}{{> concept-node}}{{/concepts}}
    </ul>{{/hasConcepts}}
    {{^hasConcepts}}<p>No concepts yet: the plugins find them when the transcripts are coded.</p>{{/hasConcepts}}
    {{#hasSuggestions}}<h2>Suggested groupings</h2>
    <p>Concepts whose labels say they are one concept, or a kind of another. Nothing changes unless you press a button; concepts that mean the same in other words are yours to find.</p>
    <ul>
    {{#suggestions}}<li>{{#merge}}<form method="post" action="/concepts/{{id}}/merge"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="into" value="{{otherID}}">Merge <a href="/concepts/{{id}}">{{label}}</a> into <a href="/concepts/{{otherID}}">{{otherLabel}}</a>: {{reason}}. <button type="submit">Merge</button></form>{{/merge}}{{^merge}}<form method="post" action="/concepts/{{id}}/parent"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="parent" value="{{otherID}}">Put <a href="/concepts/{{id}}">{{label}}</a> under <a href="/concepts/{{otherID}}">{{otherLabel}}</a>: {{reason}}. <button type="submit">Place it there</button></form>{{/merge}}</li>
    {{/suggestions}}</ul>{{/hasSuggestions}}
    """

  /// One concept and, nested, the concepts under it.
  static let conceptNode = """
    <li><a href="/concepts/{{id}}">{{label}}</a> <span class="state">{{links}}, {{mentions}} in {{documents}}</span>{{#hasChildren}}
    <ul>{{#children}}{{> concept-node}}{{/children}}</ul>{{/hasChildren}}</li>
    """

  static let concept = """
    <p><a href="/concepts">All concepts</a></p>
    <h1>{{label}}</h1>
    {{#hasParent}}<p>In the tree: {{path}}</p>{{/hasParent}}
    <p>{{counts}}.</p>
    {{#opposite}}<p>The opposite of <a href="/concepts/{{id}}">{{label}}</a>: links that name it are on that concept, turned round.</p>{{/opposite}}
    <p><a href="/memos/concept/{{id}}">Memos on this concept</a></p>
    <h2>Links</h2>
    {{#hasLinks}}<ul>
    {{#links}}<li><a href="/links/{{id}}">L{{id}}: {{cause}} → {{effect}}</a> <span class="state">({{polarity}}, {{status}}, {{quotes}} from {{sources}})</span></li>{{/links}}
    </ul>{{/hasLinks}}
    {{^hasLinks}}<p>No link has this concept as its cause or effect.</p>{{/hasLinks}}
    <h2>Rename</h2>
    <form method="post" action="/concepts/{{id}}/rename">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="label">New label</label>
    <input id="label" name="label" required value="{{label}}"></p>
    <p><button type="submit">Rename</button></p>
    </form>
    <h2>Place in the tree</h2>
    <form method="post" action="/concepts/{{id}}/parent">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="parent">Put “{{label}}” under</label>
    <select id="parent" name="parent"><option value="">Nothing: at the top of the tree</option>{{#parents}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/parents}}</select></p>
    <p><button type="submit">Place it there</button></p>
    </form>
    <h2>Merge into another concept</h2>
    <p>Its links and mentions move to the concept you choose; links that then have the same cause and effect become one bundle. If one of the two is the opposite of the other, every link that moves is turned round so it still says what its quotes say, and the panel questions with it.</p>
    <form method="post" action="/concepts/{{id}}/merge">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="into">Merge “{{label}}” into</label>
    <select id="into" name="into" required><option value="">Choose a concept</option>{{#mergeTargets}}<option value="{{id}}">{{label}}</option>{{/mergeTargets}}</select></p>
    <p><input type="checkbox" id="as-opposite" name="as_opposite" value="yes"> <label for="as-opposite">“{{label}}” is the opposite of that concept (as “mistrust” is of “trust”)</label></p>
    <p><button type="submit">Merge</button></p>
    </form>
    <h2>Split in two</h2>
    <p><a href="/concepts/{{id}}/split">Split “{{label}}” into two concepts</a></p>
    """

  static let conceptSplit = """
    <p><a href="/concepts/{{id}}">Back to “{{label}}”</a></p>
    <h1>Split “{{label}}”</h1>
    {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
    <p>Give the two concepts their labels, then choose for each link and each mention which of the two it belongs to. Nothing changes until you press the button, and then everything at once.</p>
    <form method="post" action="/concepts/{{id}}/split">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="first">First label (this concept, under a new label if you change it)</label>
    <input id="first" name="first" required value="{{first}}"></p>
    <p><label for="second">Second label (a new concept)</label>
    <input id="second" name="second" required value="{{second}}"></p>
    {{#hasLinks}}<h2>Links</h2>
    {{#links}}<fieldset><legend>L{{id}}: {{cause}} → {{effect}} ({{quotes}})</legend>
    {{#sides}}<p><input type="radio" id="link-{{id}}-{{value}}" name="link-{{id}}" value="{{value}}" required{{#checked}} checked{{/checked}}>
    <label for="link-{{id}}-{{value}}">{{label}}</label></p>{{/sides}}
    </fieldset>{{/links}}{{/hasLinks}}
    {{#hasMentions}}<h2>Mentions</h2>
    {{#mentions}}<fieldset><legend>“{{quote}}” ({{speaker}}, {{document}})</legend>
    {{#sides}}<p><input type="radio" id="mention-{{id}}-{{value}}" name="mention-{{id}}" value="{{value}}" required{{#checked}} checked{{/checked}}>
    <label for="mention-{{id}}-{{value}}">{{label}}</label></p>{{/sides}}
    </fieldset>{{/mentions}}{{/hasMentions}}
    <p><button type="submit">Split into these two concepts</button></p>
    </form>
    """

  /// The GET form that narrows counts and quotes to some participants.
  static let evidenceFilter = """
    <form method="get" action="{{action}}" class="filter">
    <fieldset>
    <legend>Count only quotes from</legend>
    <p><label for="group">Participant group</label>
    <select id="group" name="group"><option value="">Any group</option>{{#groups}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/groups}}</select></p>
    <p><label for="attribute">Participant attribute</label>
    <select id="attribute" name="attribute"><option value="">Any attribute</option>{{#attributes}}<option{{#selected}} selected{{/selected}}>{{text}}</option>{{/attributes}}</select></p>
    <p><button type="submit">Show</button>{{#filtered}} <a href="{{action}}">Count everyone's quotes</a>{{/filtered}}</p>
    </fieldset>
    </form>
    """

  static let links = """
    <p><a href="/">Panels</a> · <a href="/concepts">Concepts</a></p>
    <h1>Links</h1>
    <p>Each link bundles every quote that says one concept leads to another. Quotes count every quote; sources count the different people who said them.</p>
    {{> evidence-filter}}
    {{#hasLinks}}
    <table class="reflow" tabindex="0">
    <caption>{{caption}}</caption>
    <thead><tr><th scope="col">Link</th><th scope="col">Cause → effect</th><th scope="col">Quotes</th><th scope="col">Sources</th><th scope="col">Status</th><th scope="col">Decide</th></tr></thead>
    <tbody>
    {{#links}}<tr><td data-label="Link"><a href="{{href}}">L{{id}}</a></td><td data-label="Cause → effect">{{cause}} → {{effect}} <span class="state">({{polarity}})</span></td><td data-label="Quotes">{{citations}}</td><td data-label="Sources">{{sourceCount}}</td><td data-label="Status">{{status}}</td><td data-label="Decide">{{#canAccept}}<form method="post" action="/links/{{id}}/accept" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{back}}"><button type="submit">Accept<span class="vh"> L{{id}}</span></button></form>{{/canAccept}} {{#canReject}}<form method="post" action="/links/{{id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{back}}"><button type="submit">Reject<span class="vh"> L{{id}}</span></button></form>{{/canReject}}</td></tr>
    {{/links}}
    </tbody>
    </table>
    {{/hasLinks}}
    {{^hasLinks}}<p>{{#filtered}}No link has quotes from these participants.{{/filtered}}{{^filtered}}No links yet: the plugins find them when the transcripts are coded.{{/filtered}}</p>{{/hasLinks}}
    """

  static let link = """
    <p><a href="/links">All links</a></p>
    <h1>L{{id}}: {{cause}} → {{effect}}</h1>
    <p>Polarity {{polarity}} ({{sign}}). Status: <strong>{{status}}</strong>. {{counts}}.</p>
    <p><a href="/memos/link/{{id}}">Memos on this link</a></p>
    <div class="actions">{{#canAccept}}<form method="post" action="/links/{{id}}/accept" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{back}}"><button type="submit">Accept this link</button></form>{{/canAccept}}
    {{#canReject}}<form method="post" action="/links/{{id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{back}}"><button type="submit">Reject this link</button></form>{{/canReject}}</div>
    {{> evidence-filter}}
    <h2>Quotes</h2>
    {{#hasQuotes}}
    {{#quotes}}<figure class="quote"><blockquote><p>{{quote}}</p></blockquote><figcaption>{{speaker}}, in <a href="/documents/{{documentID}}">{{document}}</a></figcaption></figure>
    {{/quotes}}
    {{/hasQuotes}}
    {{^hasQuotes}}<p>No quotes {{#filtered}}from these participants {{/filtered}}are behind this link.</p>{{/hasQuotes}}
    """

  static let panelAudit = """
    <p><a href="/panels/{{id}}">Back to {{name}}</a></p>
    <h1>Audit log of {{name}}</h1>
    <p>Every act on this panel, oldest first: questions opened, votes, closing, decisions, overrides and suggestions taken up. Nothing here can be changed or removed.</p>
    {{#hasEntries}}
    <table class="reflow" tabindex="0">
    <caption>Acts on {{name}}, oldest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Act</th><th scope="col">What</th></tr></thead>
    <tbody>
    {{#entries}}<tr><td data-label="When"><time datetime="{{at}}">{{when}}</time></td><td data-label="Who">{{who}}</td><td data-label="Act">{{act}}</td><td data-label="What">{{detail}}</td></tr>
    {{/entries}}
    </tbody>
    </table>
    {{/hasEntries}}
    {{^hasEntries}}<p>Nothing has happened on this panel yet.</p>{{/hasEntries}}
    """
}
