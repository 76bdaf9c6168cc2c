// Templates of the codebook pages (the tree of codes, adding and editing a
// code) and of memos (the list and form shared by every page that has memos,
// and the small pages for a concept's or a link's memos). Names, descriptions
// and memos reach the page only through `{{…}}`, which escapes them.
enum CodebookTemplates {
  static let all: [String: String] = ["codebook": codebook, "code-edit": codeEdit, "memos": memos]

  /// Memos on one item and a form to add one. Expects `memos`, `hasMemos`,
  /// `memoAction`, `memoFor` (unique part of field ids) and `csrf`.
  static let memoList = """
    {{#hasMemos}}<ul class="memos">
    {{#memos}}<li id="m-{{id}}"><strong>{{title}}</strong> <span class="state">by {{createdBy}}, {{createdAt}}</span><p class="memo-text">{{text}}</p></li>
    {{/memos}}</ul>{{/hasMemos}}
    {{^hasMemos}}<p>No memos yet.</p>{{/hasMemos}}
    <form method="post" action="{{memoAction}}">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="memo-title-{{memoFor}}">Memo title (you can leave this out)</label>
    <input id="memo-title-{{memoFor}}" name="title"></p>
    <p><label for="memo-text-{{memoFor}}">Memo</label>
    <textarea id="memo-text-{{memoFor}}" name="text" rows="3" required></textarea></p>
    <p><button type="submit">Add the memo</button></p>
    </form>
    """

  /// Options of a parent or code list: the codes in tree order, nested ones
  /// indented and marked with a dash so the depth is heard as well as seen.
  static let colourOptions = """
    <option value=""{{#autoColour}} selected{{/autoColour}}>Automatic (a colour picked for the code)</option>\
    {{#colours}}<option value="{{hex}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/colours}}
    """

  /// The tree as nested lists: `closes` ends deeper lists before a code,
  /// `closeItem` ends the code before it, `opens` starts its parent's list.
  static let codebook = """
    <link rel="stylesheet" href="/codes.css">
    <p><a href="/documents">Documents</a></p>
    <h1>Codebook</h1>
    <p>Codes in a tree, each with its colour in transcripts and how many passages have it (rejected suggestions not counted).</p>
    {{#hasCodes}}
    <ul class="codebook">
    {{#codes}}{{#closes}}</li></ul>{{/closes}}{{#closeItem}}</li>{{/closeItem}}{{#opens}}<ul>{{/opens}}
    <li id="code-{{id}}"><mark class="code-{{id}}">{{name}}</mark> <span class="state">{{codingsText}} · {{colourName}}</span>
    {{#description}}<p>{{description}}</p>{{/description}}
    <p><a href="/codebook/{{id}}">Edit “{{name}}”</a></p>
    <details><summary>Memos on “{{name}}” ({{memoCount}})</summary>
    \(memoList)
    </details>
    {{/codes}}{{#endCloses}}</li></ul>{{/endCloses}}</li>
    </ul>
    {{/hasCodes}}
    {{^hasCodes}}<p>No codes yet. Add the first one below, or code words on a document.</p>{{/hasCodes}}
    <h2 id="add">Add a code</h2>
    <form method="post" action="/codebook">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="new-name">Name</label>
    <input id="new-name" name="name" required></p>
    <p><label for="new-parent">Parent code</label>
    <select id="new-parent" name="parent"><option value="">No parent (top level)</option>{{#parents}}<option value="{{id}}">{{indent}}{{name}}</option>{{/parents}}</select></p>
    <p><label for="new-description">Description (you can leave this out)</label>
    <textarea id="new-description" name="description" rows="2"></textarea></p>
    <p><label for="new-colour">Colour</label>
    <select id="new-colour" name="colour">\(colourOptions)</select></p>
    <p><button type="submit">Add the code</button></p>
    </form>
    """

  static let codeEdit = """
    <link rel="stylesheet" href="/codes.css">
    <p><a href="/codebook#code-{{id}}">Back to the codebook</a></p>
    <h1>Edit the code <mark class="code-{{id}}">{{name}}</mark></h1>
    <form method="post" action="/codebook/{{id}}">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="edit-name">Name</label>
    <input id="edit-name" name="name" required value="{{name}}"></p>
    <p><label for="edit-parent">Parent code</label>
    <select id="edit-parent" name="parent"><option value="">No parent (top level)</option>{{#parents}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{indent}}{{name}}</option>{{/parents}}</select></p>
    <p><label for="edit-description">Description</label>
    <textarea id="edit-description" name="description" rows="3">{{description}}</textarea></p>
    <p><label for="edit-colour">Colour</label>
    <select id="edit-colour" name="colour">\(colourOptions)</select></p>
    <p><button type="submit">Save the code</button></p>
    </form>
    """

  /// A concept's or a link's memos, on their own page.
  static let memos = """
    <p><a href="{{back}}">{{backLabel}}</a></p>
    <h1>Memos on {{kind}} <em>{{subject}}</em></h1>
    {{#related}}<ul>{{#items}}<li><a href="{{href}}">{{label}}</a></li>{{/items}}</ul>{{/related}}
    \(memoList)
    """
}
