// The pages' Mustache templates. `{{x}}` escapes HTML, so transcript text and
// names can never become markup; `{{{body}}}` is used only for a page the
// layout wraps, which was itself rendered from these templates.
enum Templates {
  static let all: [String: String] = [
    "layout": layout, "error": error, "sign-in": signIn, "member-home": memberHome, "member-item": memberItem,
    "researcher-home": researcherHome, "researcher-panel": researcherPanel, "invite": invite, "join": join,
  ].merging(DocumentTemplates.all) { current, _ in current }.merging(CurationTemplates.all) { current, _ in current }
    .merging(CodebookTemplates.all) { current, _ in current }.merging(PanelTemplates.all) { current, _ in current }

  static let layout = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Hark</title>
    <link rel="stylesheet" href="/style.css">
    </head>
    <body>
    <a class="skip" href="#main">Skip to the main content</a>
    <header class="site">
    <p class="brand"><a href="{{home}}">Hark</a></p>
    {{#signedIn}}
    <nav aria-label="Account">
    <span class="who">Signed in as {{name}}</span>
    {{#member}}<a href="/panel/sign-out">Sign out</a>{{/member}}
    {{^member}}<form method="post" action="/sign-out" class="inline">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <button type="submit" class="link">Sign out</button>
    </form>{{/member}}
    </nav>
    {{/signedIn}}
    </header>
    <main id="main">
    {{{body}}}
    </main>
    </body>
    </html>
    """

  static let error = """
    <h1>{{heading}}</h1>
    <p>{{message}}</p>
    <p><a href="{{back}}">{{backLabel}}</a></p>
    """

  static let signIn = """
    <h1>Sign in</h1>
    <p>For researchers. Panel members sign in with the link they were given.</p>
    {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
    <form method="post" action="/sign-in">
    <p><label for="name">Name</label>
    <input id="name" name="name" autocomplete="username" required value="{{name}}"></p>
    <p><label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required></p>
    <p><button type="submit">Sign in</button></p>
    </form>
    """

  static let memberHome = """
    <h1>{{panel}}</h1>
    {{#hasItems}}<p class="progress">{{progress}}</p>{{/hasItems}}
    {{#next}}<p><a class="button" href="/panel/items/{{next}}">{{nextLabel}}</a></p>{{/next}}
    {{^next}}{{#hasItems}}<p>You have answered every question open now. Thank you.</p>{{/hasItems}}{{/next}}
    {{^hasItems}}<p>There are no questions for you right now.</p>{{/hasItems}}
    {{#hasItems}}
    <h2>Questions open now</h2>
    <ol class="items">
    {{#items}}<li><a href="/panel/items/{{id}}">{{question}}</a> <span class="state">{{state}}</span></li>{{/items}}
    </ol>
    {{/hasItems}}
    <h2>What the panel decided</h2>
    <p>How your panel decides. {{ruleExplanation}}</p>
    {{#hasDecisions}}
    <ul class="decisions">
    {{#decisions}}<li>{{question}} <strong>{{outcome}}</strong> <span class="state">({{tally}})</span></li>{{/decisions}}
    </ul>
    {{/hasDecisions}}
    {{^hasDecisions}}<p>Nothing has been decided yet.</p>{{/hasDecisions}}
    """

  static let memberItem = """
    {{#saved}}<p class="saved" role="status">Your answer is saved. You can change it until voting closes.</p>{{/saved}}
    <p class="progress"><a href="/panel">Back to all questions</a> · {{progress}}</p>
    <h1>{{question}}</h1>
    <h2>What people said</h2>
    {{#hasQuotes}}
    {{#quotes}}<figure class="quote"><blockquote><p>{{quote}}</p></blockquote><figcaption>{{speaker}}</figcaption></figure>{{/quotes}}
    {{/hasQuotes}}
    {{^hasQuotes}}<p>No quotes are attached to this question.</p>{{/hasQuotes}}
    {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
    {{#open}}
    <form method="post" action="/panel/items/{{id}}">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <fieldset>
    <legend>Your answer</legend>
    <p><input type="radio" id="answer-agree" name="answer" value="agree" required{{#checkedAgree}} checked{{/checkedAgree}}>
    <label for="answer-agree">Yes, it does</label></p>
    <p><input type="radio" id="answer-disagree" name="answer" value="disagree" required{{#checkedDisagree}} checked{{/checkedDisagree}}>
    <label for="answer-disagree">No, it does not</label></p>
    <p><input type="radio" id="answer-not-sure" name="answer" value="not-sure" required{{#checkedNotSure}} checked{{/checkedNotSure}}>
    <label for="answer-not-sure">I am not sure</label></p>
    </fieldset>
    <fieldset>
    <legend>If it does, how much? (you can leave this out)</legend>
    <p><input type="radio" id="strength-a-little" name="strength" value="a-little"{{#checkedALittle}} checked{{/checkedALittle}}>
    <label for="strength-a-little">A little</label></p>
    <p><input type="radio" id="strength-some" name="strength" value="some"{{#checkedSome}} checked{{/checkedSome}}>
    <label for="strength-some">Some</label></p>
    <p><input type="radio" id="strength-a-lot" name="strength" value="a-lot"{{#checkedALot}} checked{{/checkedALot}}>
    <label for="strength-a-lot">A lot</label></p>
    </fieldset>
    <fieldset>
    <legend>Would you put it differently? (you can leave this out)</legend>
    <p><input type="radio" id="suggestion-other-way-round" name="suggestion" value="other-way-round"{{#checkedOtherWayRound}} checked{{/checkedOtherWayRound}}>
    <label for="suggestion-other-way-round">It's the other way round</label></p>
    <p><input type="radio" id="suggestion-opposite" name="suggestion" value="opposite"{{#checkedOpposite}} checked{{/checkedOpposite}}>
    <label for="suggestion-opposite">It's the opposite</label></p>
    <p><input type="radio" id="suggestion-say-it-differently" name="suggestion" value="say-it-differently"{{#checkedSayItDifferently}} checked{{/checkedSayItDifferently}}>
    <label for="suggestion-say-it-differently">I would say it differently</label></p>
    <p><label for="suggestion-text">How would you say it?</label>
    <textarea id="suggestion-text" name="suggestion_text" rows="3">{{suggestionText}}</textarea></p>
    </fieldset>
    <p><label for="comment">Anything else you want to say? (you can leave this out)</label>
    <textarea id="comment" name="comment" rows="3">{{comment}}</textarea></p>
    <p><button type="submit">Save my answer</button></p>
    </form>
    {{/open}}
    {{^open}}<p>Voting on this question has closed. <a href="/panel">See what the panel decided.</a></p>{{/open}}
    """

  static let researcherHome = """
    <nav aria-label="Workbench" class="workbench">
    <p><a href="/documents">Documents</a></p><p><a href="/codebook">Codebook</a></p><p><a href="/concepts">Concepts</a></p><p><a href="/links">Links</a></p>
    </nav>
    <h1>Panels</h1>
    {{#hasPanels}}
    <table class="reflow" tabindex="0">
    <caption>Lived-experience panels of this project</caption>
    <thead><tr><th scope="col">Panel</th><th scope="col">Rule</th><th scope="col">Members</th><th scope="col">Open questions</th></tr></thead>
    <tbody>
    {{#panels}}<tr><td data-label="Panel"><a href="/panels/{{id}}">{{name}}</a></td><td data-label="Rule">{{rule}}</td><td data-label="Members">{{members}}</td><td data-label="Open questions">{{open}}</td></tr>{{/panels}}
    </tbody>
    </table>
    {{/hasPanels}}
    {{^hasPanels}}<p>No panels yet. Create one with <code>hark panels create NAME</code>.</p>{{/hasPanels}}
    """

  static let researcherPanel = """
    <p><a href="/">All panels</a> · <a href="/panels/{{id}}/audit">Audit log of this panel</a></p>
    <h1>{{name}}</h1>
    <p>Decision rule: {{rule}}, quorum {{quorum}}. Agreement: {{agreement}}.</p>
    <p>{{ruleExplanation}}</p>
    <h2>Questions</h2>
    {{#hasItems}}
    <table class="reflow" tabindex="0">
    <caption>Questions put to {{name}}, with the votes so far</caption>
    <thead><tr><th scope="col">Item</th><th scope="col">Question</th><th scope="col">Agree</th><th scope="col">Disagree</th><th scope="col">Not sure</th><th scope="col">State</th><th scope="col">Decision</th><th scope="col">Voting</th></tr></thead>
    <tbody>
    {{#items}}<tr><td data-label="Item">I{{id}}</td><td data-label="Question">{{question}}</td><td data-label="Agree">{{agree}}</td><td data-label="Disagree">{{disagree}}</td><td data-label="Not sure">{{notSure}}</td><td data-label="State">{{state}}</td><td data-label="Decision">{{decision}}</td><td data-label="Voting">{{#open}}<a href="/panels/{{panel}}/items/{{id}}/close">Close<span class="vh"> voting on I{{id}}</span></a>{{/open}}</td></tr>{{/items}}
    </tbody>
    </table>
    {{/hasItems}}
    {{^hasItems}}<p>No questions yet.</p>{{/hasItems}}
    {{#canOpen}}
    <form method="post" action="/panels/{{id}}/open">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><button type="submit">Open every candidate link for this panel's review</button></p>
    </form>
    {{/canOpen}}
    {{#canClose}}
    <p><a class="button" href="/panels/{{id}}/close">Close voting on every open question…</a></p>
    {{/canClose}}
    {{#canClose}}
    <h2>Reword a question</h2>
    <p>Members see the new words at once. Votes already cast stay with the words they answered, and the change is kept in the audit log with your name.</p>
    {{#openItems}}<details class="reword"><summary>Reword I{{id}}: {{question}}</summary>
    <form method="post" action="/panels/{{panel}}/items/{{id}}/reword">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="wording-{{id}}">New question for I{{id}} (one yes-or-no question, at most 300 characters; {{votes}})</label>
    <textarea id="wording-{{id}}" name="wording" rows="2" maxlength="300" required>{{question}}</textarea></p>
    <p><button type="submit">Reword I{{id}}</button></p>
    </form>
    </details>
    {{/openItems}}
    {{/canClose}}
    {{#hasSuggestions}}
    <h2>Members' suggestions</h2>
    <p>Taking up a suggestion puts it to the panel as a new question, about the same quotes.</p>
    <ul class="suggestions">
    {{#suggestions}}<li>{{who}} on I{{item}} would put it {{kind}}: “{{question}}”
    {{#takenUp}}<span class="state">taken up as I{{takenUp}}</span>{{/takenUp}}{{^takenUp}}<form method="post" action="/panels/{{panel}}/suggestions/{{vote}}/adopt" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link">Ask the panel this<span class="vh"> (suggestion V{{vote}})</span></button></form>{{/takenUp}}</li>
    {{/suggestions}}
    </ul>
    {{/hasSuggestions}}
    {{#hasComments}}
    <h2>What members said</h2>
    <p>Everything members wrote under “Anything else you want to say?”, kept even when they changed their vote later.</p>
    <ul class="comments">
    {{#comments}}<li><strong>{{who}}</strong> on I{{item}}: “{{comment}}” <span class="state">{{at}}</span></li>
    {{/comments}}
    </ul>
    {{/hasComments}}
    {{#hasClosed}}
    <h2>Override a decision</h2>
    <p>An override is kept beside the panel's own decision, with your reason, in the audit log.</p>
    {{#closed}}<details class="override"><summary>Override the decision on I{{id}}: {{question}}</summary>
    <form method="post" action="/panels/{{panel}}/items/{{id}}/override">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <fieldset>
    <legend>New decision on I{{id}}</legend>
    <p><input type="radio" id="outcome-{{id}}-accepted" name="outcome" value="accepted" required>
    <label for="outcome-{{id}}-accepted">Accepted: it goes on the map</label></p>
    <p><input type="radio" id="outcome-{{id}}-rejected" name="outcome" value="rejected">
    <label for="outcome-{{id}}-rejected">Rejected: it stays off the map</label></p>
    </fieldset>
    <p><label for="reason-{{id}}">Why you override the panel (kept with the decision)</label>
    <textarea id="reason-{{id}}" name="reason" rows="2" required></textarea></p>
    <p><button type="submit">Override the decision on I{{id}}</button></p>
    </form>
    </details>
    {{/closed}}
    {{/hasClosed}}
    <h2>Members</h2>
    <ul class="members">{{#members}}<li>{{name}} (shown to others as {{pseudonym}})
    <form method="post" action="/panels/{{panel}}/members/{{id}}/invite" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link">New sign-in link<span class="vh"> for {{pseudonym}}</span></button></form>
    · <form method="post" action="/panels/{{panel}}/members/{{id}}/revoke" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link">Cancel {{pseudonym}}'s links and sign them out</button></form></li>
    {{/members}}</ul>
    <form method="post" action="/panels/{{id}}/members">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><label for="member-name">Add a member: name</label>
    <input id="member-name" name="name" required></p>
    <p><label for="member-pseudonym">Pseudonym others see (you can leave this out)</label>
    <input id="member-pseudonym" name="pseudonym"></p>
    <p><button type="submit">Add and make a sign-in link</button></p>
    </form>
    """

  static let join = """
    <h1>Welcome to the panel</h1>
    <p>This link signs you in so you can give your views on what people told us. It works once, on this device.</p>
    <form method="post" action="/join/{{token}}"><p><button type="submit">Sign me in</button></p></form>
    """

  static let invite = """
    <h1>Sign-in link for {{pseudonym}}</h1>
    <p>Give this link to {{name}} privately. It works once and expires on {{expires}}.
    It is shown only now: Hark keeps only a fingerprint of it.</p>
    <p class="invite"><code>{{link}}</code></p>
    {{#loopbackOnly}}<p class="problem" role="alert">Only this computer can open this link: Hark was not told the address people use.
    Start <code>hark serve</code> once with <code>--public-url</code> and the address, such as <code>--public-url https://panel.example.org</code>.</p>{{/loopbackOnly}}
    <p><a href="/panels/{{panel}}">Back to the panel</a></p>
    """
}
