// The one stylesheet. Colours meet WCAG 2.2 AA contrast on white (text
// #1a1a1a, links #0b5394, problems #a30000); focus is a thick outline that
// never disappears; layout is one column that reflows down to 320 px and at
// 200% zoom. A table too wide for the screen scrolls on its own; its
// tabindex="0" lets keyboard users reach it and scroll it. A table marked
// .reflow instead turns into one block per row on a narrow screen.
enum Stylesheet {
  static let css = """
    *, *::before, *::after { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 100%; line-height: 1.5; }
    body { margin: 0; color: #1a1a1a; background: #ffffff; }
    main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
    header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between;
      padding: 0.5rem 1rem; border-bottom: 2px solid #1a1a1a; }
    .brand { margin: 0; font-weight: 700; font-size: 1.25rem; }
    a { color: #0b5394; text-decoration: underline; }
    a:hover { color: #07365f; }
    :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 5px #ffd84d; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { position: static; display: block; padding: 0.5rem 1rem; background: #ffd84d; color: #1a1a1a; }
    h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
    h1 em { font-style: normal; text-decoration: underline; text-decoration-thickness: 2px; }
    fieldset { border: 1px solid #5c5c5c; margin: 0 0 1rem; padding: 0.5rem 1rem; }
    legend { font-weight: 700; padding: 0 0.25rem; }
    label { cursor: pointer; }
    input[type=radio] { width: 1.25rem; height: 1.25rem; vertical-align: middle; margin-right: 0.5rem; }
    input:not([type=radio]), textarea { display: block; width: 100%; max-width: 30rem; font: inherit; padding: 0.4rem;
      border: 1px solid #5c5c5c; border-radius: 2px; }
    button, .button { display: inline-block; font: inherit; font-weight: 700; padding: 0.6rem 1.2rem; color: #ffffff;
      background: #0b5394; border: 2px solid #0b5394; border-radius: 4px; text-decoration: none; cursor: pointer; }
    button:hover, .button:hover { background: #07365f; color: #ffffff; }
    button.link { background: none; border: none; color: #0b5394; text-decoration: underline; padding: 0; font-weight: 400; }
    form.inline { display: inline; }
    .quote { margin: 0 0 1rem; padding: 0.5rem 1rem; border-left: 4px solid #0b5394; background: #f3f6fa; }
    .quote blockquote { margin: 0; }
    .quote figcaption { color: #3d3d3d; font-size: 0.95rem; }
    .problem { color: #a30000; font-weight: 700; border: 2px solid #a30000; padding: 0.5rem; }
    .saved { border: 2px solid #1e6b2f; color: #1e6b2f; padding: 0.5rem; font-weight: 700; }
    .progress, .state, .who { color: #3d3d3d; }
    .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    nav.workbench { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 1rem; }
    nav.workbench p { margin: 0; }
    ul.tree, ul.tree ul { list-style: none; padding-left: 0; }
    ul.tree ul { margin-left: 0.4rem; padding-left: 1rem; border-left: 2px solid #8a8a8a; }
    /* A fieldset is as wide as its widest content by default; a long option
       in a select would push the page sideways at 320 px. */
    fieldset { min-width: 0; }
    /* On a narrow screen a .reflow table becomes one block per row, each
       cell led by its column's name, so nothing scrolls sideways. */
    @media (max-width: 40rem) {
      table.reflow, table.reflow tbody, table.reflow tr, table.reflow td { display: block; overflow-x: visible; }
      table.reflow thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
      table.reflow tr { border-bottom: 1px solid #8a8a8a; padding: 0.25rem 0; }
      table.reflow td { border-bottom: none; padding: 0.1rem 0; overflow-wrap: anywhere; }
      table.reflow td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
    }
    table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
    th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #8a8a8a; vertical-align: top; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
    code { overflow-wrap: anywhere; }
    .invite code { font-size: 1.05rem; }
    select { max-width: 100%; font: inherit; }
    .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
    .codebook, .codebook ul { padding-left: 1.25rem; }
    .memo-text { white-space: pre-line; margin: 0.25rem 0 0.75rem; }
    """
}
