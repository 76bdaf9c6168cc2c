// Templates of the panel pages added for closing voting and for members
// signing out, kept apart from Templates.swift so each stays short.
enum PanelTemplates {
  static let all: [String: String] = [
    "close-voting": closeVoting, "member-sign-out": memberSignOut, "signed-out-with-link": signedOutWithLink,
  ]

  static let closeVoting = """
    <p><a href="/panels/{{panel}}">Back to {{name}}</a></p>
    <h1>{{heading}}</h1>
    <p>When you close voting, members can no longer answer or change their answers on {{what}}.
    Each question is then decided by the panel's rule ({{rule}}, quorum {{quorum}}), and the decision is kept with your name.
    This cannot be undone; a decision can only be overridden, with a reason.</p>
    <ul class="closing">
    {{#items}}<li>I{{id}}: {{question}} <span class="state">({{tally}})</span></li>{{/items}}
    </ul>
    <p>{{answers}}</p>
    <form method="post" action="/panels/{{panel}}/close">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="items" value="{{ids}}">
    <input type="hidden" name="confirm" value="yes">
    <p><button type="submit">Close voting on {{what}}</button></p>
    </form>
    <p><a href="/panels/{{panel}}">Cancel: keep voting open</a></p>
    """

  static let memberSignOut = """
    <h1>Before you sign out</h1>
    <p>Your answers are saved. If you only want a break, you can just close this page:
    on this device you stay signed in and can carry on later.</p>
    <p>If you sign out, you need a sign-in link to come back. We can give you a new link now,
    for you alone. It works once, until {{expires}}.</p>
    <form method="post" action="/sign-out">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="return" value="link">
    <p><button type="submit">Sign out and give me a link to come back</button></p>
    </form>
    <p>On a shared or public computer, sign out without a link. To come back, ask the researcher for a new link.</p>
    <form method="post" action="/sign-out">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p><button type="submit">Sign out without a link</button></p>
    </form>
    <p><a href="/panel">Stay signed in and go back to your questions</a></p>
    """

  static let signedOutWithLink = """
    <h1>You are signed out</h1>
    <p>This is your link to come back. Keep it somewhere private: write it down, or send it to yourself.
    Anyone who has it can sign in as you, once, until {{expires}}.</p>
    <p class="invite"><code>{{link}}</code></p>
    <p>If you lose it, ask the researcher for a new one.</p>
    """
}
