//! The text of a saved web page: the article's title, headings and paragraphs,
//! without the page's navigation, scripts, styles, adverts, cookie banners,
//! forms and footers. Paragraphs are separated by blank lines, so the text
//! segments as a plain-text article does.
//!
//! The article is the `<article>` with the most paragraph text, else `<main>`,
//! else the `<body>`. Within it, page chrome is dropped by element (`nav`,
//! `aside`, `script`, ...), by ARIA role, and by class or id words (`advert`,
//! `cookie`, `newsletter`, ...).

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "iframe", "svg",
    "canvas", "select", "input", "textarea", "figure", "figcaption", "object", "embed", "video", "audio", "map",
    "dialog", "head", "title", "meta", "link",
];

/// Elements that begin a new paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "address", "hr", "body", "center",
];

/// ARIA roles of page chrome.
const DROPPED_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "form"];

/// Words of a class or id that mark page chrome (the words are split at `-`, `_` and spaces).
const CHROME_WORDS: &[&str] = &[
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "dfp", "sponsor", "sponsored",
    "promo", "promotion", "cookie", "cookies", "consent", "gdpr", "banner", "newsletter", "signup", "subscribe",
    "subscription", "paywall", "share", "sharing", "social", "related", "recommended", "popular", "trending",
    "sidebar", "breadcrumb", "breadcrumbs", "comments", "comment", "popup", "modal", "outbrain", "taboola",
    "masthead", "menu", "navbar", "footer", "skip", "visually", "sr", "caption", "credit", "tags",
];

/// The deepest a page's elements may nest. The HTML parser checks the open
/// elements at each tag, so its work grows with depth times length; saved
/// pages nest a few dozen deep, and a page nested deeper than this is skipped.
pub const MAX_NESTING: usize = 1_000;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
    "frame", "basefont", "bgsound", "command", "image",
];

/// Elements whose end tag may be left out (the parser closes them itself).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rp", "rt", "rb", "rtc",
    "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// How deep the page's elements nest, as a quick scan of its tags counts
/// it: start tags less end tags, leaving out elements that are never closed
/// or may be closed by the parser, and the insides of comments and scripts.
/// An estimate, linear in the page's length, made before the page is parsed.
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    // Inside <svg> and <math> a `/>` closes an element; elsewhere the parser ignores it.
    let mut foreign = 0usize;
    let name_at = |from: usize| -> (String, usize) {
        let end = b[from..].iter().position(|c| !c.is_ascii_alphanumeric() && *c != b'-' && *c != b':').map_or(b.len(), |n| from + n);
        (html[from..end].to_ascii_lowercase(), end)
    };
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<').map(|n| i + n) {
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = html[lt + 4..].find("-->").map_or(b.len(), |n| lt + 4 + n + 3);
        } else if b.get(lt + 1) == Some(&b'/') {
            if b.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
                let (name, _) = name_at(lt + 2);
                if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
                    depth = depth.saturating_sub(1);
                }
                if name == "svg" || name == "math" {
                    foreign = foreign.saturating_sub(1);
                }
            }
        } else if b.get(lt + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            let (name, end) = name_at(lt + 1);
            let close = b[end..].iter().position(|&c| c == b'>').map_or(b.len(), |n| end + n);
            let foreign_tag = name == "svg" || name == "math";
            let self_closing = (foreign > 0 || foreign_tag) && close > end && b[close - 1] == b'/';
            if foreign_tag && !self_closing {
                foreign += 1;
            }
            if RAW.contains(&name.as_str()) {
                let closing = format!("</{name}");
                let rest = &html[close.min(b.len())..];
                i = rest.to_ascii_lowercase().find(&closing).map_or(b.len(), |n| close + n);
                continue;
            }
            if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) && !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
            i = close.min(b.len());
        }
    }
    deepest
}

/// The article's text of an HTML page.
pub fn text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = article_root(&doc);
    let mut out = Blocks::default();
    // Outside an <article>, a <header> is the site's masthead; inside, it holds the headline.
    let keep_header = root.value().name() != "body";
    if !has_heading(root) {
        if let Some(title) = select_first(&doc, "title") {
            out.text(&title.text().collect::<String>());
            out.flush();
        }
    }
    walk(root, &mut out, keep_header, 0);
    out.finish()
}

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).expect("a valid selector");
    doc.select(&sel).next()
}

/// The `<article>` with the most paragraph text, else `<main>`, else `<body>`.
fn article_root(doc: &Html) -> ElementRef<'_> {
    let para = Selector::parse("p").expect("a valid selector");
    let weight = |e: &ElementRef| e.select(&para).filter(|p| !is_chrome(p)).map(|p| p.text().map(str::len).sum::<usize>()).sum::<usize>();
    let articles = Selector::parse("article, [itemprop=articleBody]").expect("a valid selector");
    let best = doc.select(&articles).filter(|a| !is_chrome(a)).map(|a| (weight(&a), a)).filter(|(w, _)| *w > 0).max_by_key(|(w, _)| *w);
    if let Some((_, a)) = best {
        return a;
    }
    select_first(doc, "main, [role=main]").or_else(|| select_first(doc, "body")).unwrap_or_else(|| doc.root_element())
}

fn has_heading(root: ElementRef) -> bool {
    let h1 = Selector::parse("h1").expect("a valid selector");
    root.select(&h1).next().is_some()
}

/// Whether an element is page chrome by its role, class or id, or is hidden.
fn is_chrome(e: &ElementRef) -> bool {
    let v = e.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("role").is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str())) {
        return true;
    }
    let words = v.attr("class").into_iter().chain(v.attr("id"));
    words
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|w| CHROME_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

fn walk(node: ElementRef, out: &mut Blocks, keep_header: bool, depth: usize) {
    // Past MAX_NESTING (a page that the scan let through but the parser
    // nested deeper), the text is taken flat rather than by recursion.
    if depth > MAX_NESTING {
        for t in node.text() {
            out.text(t);
        }
        return;
    }
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.text(t),
            Node::Element(e) => {
                let name = e.name();
                let el = ElementRef::wrap(child).expect("an element");
                if DROPPED.contains(&name) || (name == "header" && !keep_header) || is_chrome(&el) {
                    continue;
                }
                if name == "br" {
                    out.line_break();
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.flush();
                }
                if name == "li" {
                    out.text("- ");
                }
                walk(el, out, keep_header || name == "article", depth + 1);
                if block {
                    out.flush();
                } else if matches!(name, "td" | "th") {
                    out.text(" ");
                }
            }
            _ => {}
        }
    }
}

/// Paragraphs being assembled: white space collapsed, one blank line between them.
#[derive(Default)]
struct Blocks {
    paragraphs: Vec<String>,
    current: String,
}

impl Blocks {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{00A0}' {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    fn flush(&mut self) {
        let lines: Vec<&str> = self.current.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if !lines.is_empty() && lines != ["-"] {
            self.paragraphs.push(lines.join("\n"));
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.flush();
        let mut s = self.paragraphs.join("\n\n");
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn keeps_the_article_and_drops_the_chrome() {
        let page = r#"<!doctype html><html><head><title>Site | Headline</title><style>p{color:red}</style>
            <script>var x = "<p>not text</p>";</script></head><body>
            <header><a href="/">Home</a></header><nav><ul><li>News</li></ul></nav>
            <div class="cookie-banner"><p>We use cookies.</p></div>
            <article><header><h1>The headline</h1><p class="byline">By A Writer</p></header>
            <p>First   paragraph,
               wrapped.</p><div class="advert"><p>Buy now</p></div>
            <figure><img src="x.jpg"><figcaption>A picture</figcaption></figure>
            <p>Second &amp; last.<br>New line</p>
            <ul><li>one</li><li>two</li></ul></article>
            <aside><p>Related stories</p></aside><footer><p>Copyright</p></footer></body></html>"#;
        assert_eq!(text(page), "The headline\n\nBy A Writer\n\nFirst paragraph, wrapped.\n\nSecond & last.\nNew line\n\n- one\n\n- two\n");
    }

    #[test]
    fn without_an_article_the_body_is_read_and_the_title_heads_it() {
        let page = "<html><head><title>A title</title></head><body><header>Masthead</header><p>Text here.</p></body></html>";
        assert_eq!(text(page), "A title\n\nText here.\n");
    }

    #[test]
    fn nesting_is_counted_without_void_optional_or_raw_elements() {
        use super::nesting_depth;
        assert_eq!(nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"), 1);
        // Outside SVG and MathML, `<div/>` opens a div that is never closed.
        assert_eq!(nesting_depth(&"<div/>".repeat(3000)), 3000);
        assert_eq!(nesting_depth(&format!("<svg>{}</svg><b>x</b>", "<path d=1/>".repeat(3000))), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("<script>if (a<b) { '<div><div>' }</script><!-- <div><div> --><section><div>x</div></section>"), 2);
        assert_eq!(nesting_depth("a < b and <3 </ >"), 0);
    }

    #[test]
    fn the_article_with_most_text_wins() {
        let page = "<body><article><h1>Teaser</h1><p>Short.</p></article><article><h1>Main</h1><p>A much longer paragraph of article text.</p></article></body>";
        assert!(text(page).starts_with("Main\n\nA much longer"), "{}", text(page));
    }
}
