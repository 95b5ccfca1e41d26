//! `report.html`: one self-contained page for people (inline CSS, JS and
//! SVG; no network, enforced by its Content-Security-Policy). It shows a
//! timeline for each body of who held which post when, as bars over a time
//! axis, with the body's inspections marked on it in Ofsted's rating colours;
//! the inspections in a table; the successions; the graph's diagram (the SVG
//! Graphviz drew at build time, where it was installed); and the evidence:
//! every sentence a fact was read from, with its document, which each fact
//! links to.
//!
//! The page is built from the graph read back from its JSON-LD, through the
//! query layer (`tenure`, `inspections`), so it says what `who-led` and
//! `inspections` say.

use crate::date::PartialDate;
use crate::export::dot::rating_colour;
use crate::graph::slug;
use crate::query::inspections::{inspections, InspectionRow};
use crate::query::load::{Kind, Model, Statement};
use crate::query::tenure::{tenures, Basis, Bound, Tenure};
use crate::query::{date_key, Graph, Source};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use super::Sink;
use std::fmt::Write;

const STYLE: &str = include_str!("report/style.css");
const CAPTURE_JS: &str = include_str!("report/capture.js");
const MAIN_JS: &str = include_str!("report/main.js");

/// What goes in the diagram's place.
#[derive(Debug, Clone)]
pub enum Diagram {
    /// The SVG Graphviz drew.
    Svg(String),
    /// Why there is none, as a sentence for the reader.
    Missing(String),
}

/// HTML text: `&`, `<`, `>`, `"` and `'` escaped.
fn h(s: &str) -> String {
    super::escape_markup(s, false)
}

/// The text colour that reads on a rating's colour.
fn rating_ink(rating: &str) -> &'static str {
    if matches!(rating, "Outstanding" | "Inadequate") {
        "#ffffff"
    } else {
        "#111111"
    }
}

fn rating_badge(rating: &str) -> String {
    format!("<span class=\"rating-badge\" style=\"background:{};color:{}\">{}</span>", rating_colour(rating), rating_ink(rating), h(rating))
}

/// The evidence sentences, numbered, each with the facts read from it: the
/// statements with evidence in the order the list shows them, grouped by
/// sentence (document and offsets). Held as indices (a large graph has
/// millions of statements; a map and a vector for each sentence took a
/// tenth of a large build's memory).
struct Evidence<'a> {
    /// The statements with evidence, by date, document and offsets.
    statements: Vec<&'a Statement>,
    /// Indices into `statements`, grouped by sentence: the groups in the
    /// order of their keys, each in the order of `statements`.
    grouped: Vec<u32>,
    /// Where each group starts in `grouped`, in key order, and the end.
    group_starts: Vec<u32>,
    /// The groups (by their place in `group_starts`) in the order they are
    /// numbered: by where their first statement comes.
    numbered: Vec<u32>,
    /// The number (from 1) of each group, by its place in `group_starts`.
    number_of_group: Vec<u32>,
    /// Each group's key, by its place in `group_starts`, in a form compared
    /// without following pointers: looking up a source's entry is a binary
    /// search over these (on a large graph, comparing the statements' own
    /// keys took a third of the report's time).
    group_keys: Vec<GroupKey>,
    /// Where each document's groups start in `group_keys`, by its rank, and
    /// the end: a lookup searches one document's groups, not all of them
    /// (a search over all missed the cache at most steps on a large graph).
    groups_of_rank: Vec<u32>,
    /// The documents' places in key order (from 1: no document is 0).
    document_rank: HashMap<&'a str, u32>,
    /// The most entries a fact links to (the earliest); the others are counted.
    cap: usize,
}

/// The most evidence entries a fact on a body's page links to: a post held
/// for years is seen in hundreds of documents, and a page that listed every
/// sentence of each would grow with the corpus (at 100 MB of text, Ofsted's
/// page was 14 MB). The whole graph keeps them all.
const PAGE_CAP: usize = 10;

/// A sentence's key: its document's rank (0: none), and its offsets from 1
/// (0: none); ordered as the document ids and offsets are.
type GroupKey = (u32, u64, u64);

fn offset_key(offset: Option<u64>) -> u64 {
    offset.map_or(0, |x| x.saturating_add(1))
}

impl<'a> Evidence<'a> {
    fn new(m: &'a Model) -> Evidence<'a> {
        let small = |i: usize| u32::try_from(i).expect("fewer than 4 billion statements");
        let with_evidence: Vec<&Statement> = m.statements.iter().filter(|s| s.evidence.is_some()).collect();
        // Each document's rank (in the order of its id, from 1) and date,
        // found once: the sorts below compare numbers, not strings behind
        // pointers, and look up no node for each statement.
        let mut documents: Vec<&str> = with_evidence.iter().filter_map(|s| s.document.as_deref()).collect();
        documents.sort_unstable();
        documents.dedup();
        let document_rank: HashMap<&'a str, u32> = documents.iter().enumerate().map(|(i, &d)| (d, small(i + 1))).collect();
        let document_date: Vec<Option<PartialDate>> = documents.iter().map(|&d| m.node(d).and_then(|n| n.date)).collect();
        // Statements of one document mostly come together: the last lookup is kept.
        let mut last: Option<(&str, u32)> = None;
        let mut rank_of = |s: &'a Statement| -> u32 {
            let Some(d) = s.document.as_deref() else { return 0 };
            match last {
                Some((l, r)) if l == d => r,
                _ => {
                    let r = document_rank[d];
                    last = Some((d, r));
                    r
                }
            }
        };
        let key_of = |rank: u32, s: &Statement| -> GroupKey { (rank, offset_key(s.start_offset), offset_key(s.end_offset)) };
        // The list's order: by date (the document's, or the statement's own
        // without a document), document and offsets; stable, as before.
        let mut keyed: Vec<((bool, (i32, u8, u8)), GroupKey, &Statement)> = with_evidence
            .into_iter()
            .map(|s| {
                let rank = rank_of(s);
                let date = if rank == 0 { None } else { document_date[rank as usize - 1] }.or(s.observed_on);
                (date_key(date), key_of(rank, s), s)
            })
            .collect();
        keyed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        // Grouped by sentence (document and offsets), each group in list order.
        let mut by_key: Vec<(GroupKey, u32)> = keyed.iter().enumerate().map(|(i, k)| (k.1, small(i))).collect();
        by_key.sort_unstable();
        let statements: Vec<&Statement> = keyed.into_iter().map(|k| k.2).collect();
        let grouped: Vec<u32> = by_key.iter().map(|k| k.1).collect();
        let mut group_starts: Vec<u32> = Vec::new();
        let mut group_keys = Vec::new();
        for (i, (key, _)) in by_key.iter().enumerate() {
            if i == 0 || *key != by_key[i - 1].0 {
                group_starts.push(small(i));
                group_keys.push(*key);
            }
        }
        let groups = group_starts.len();
        group_starts.push(small(grouped.len()));
        let groups_of_rank: Vec<u32> = (0..=small(documents.len() + 1)).map(|r| small(group_keys.partition_point(|k| k.0 < r))).collect();
        // A group's first statement is the least index in it.
        let mut numbered: Vec<u32> = (0..small(groups)).collect();
        numbered.sort_by_key(|&g| grouped[group_starts[g as usize] as usize]);
        let mut number_of_group = vec![0; groups];
        for (n, &g) in numbered.iter().enumerate() {
            number_of_group[g as usize] = small(n + 1);
        }
        Evidence { statements, grouped, group_starts, numbered, number_of_group, group_keys, groups_of_rank, document_rank, cap: usize::MAX }
    }

    /// The statements of the entry numbered `n + 1`.
    fn entry(&self, n: usize) -> Vec<&'a Statement> {
        let g = self.numbered[n] as usize;
        let (a, b) = (self.group_starts[g] as usize, self.group_starts[g + 1] as usize);
        self.grouped[a..b].iter().map(|&i| self.statements[i as usize]).collect()
    }

    /// The number (from 1) of the evidence entry of a source.
    fn number(&self, s: &Source) -> Option<usize> {
        let rank = match s.document_id.as_deref() {
            Some(d) => *self.document_rank.get(d)?,
            None => 0,
        };
        let (a, b) = (self.groups_of_rank[rank as usize] as usize, self.groups_of_rank[rank as usize + 1] as usize);
        let g = a + self.group_keys[a..b].binary_search(&(rank, offset_key(s.start_offset), offset_key(s.end_offset))).ok()?;
        Some(self.number_of_group[g] as usize)
    }

    /// Superscript links to the evidence of some sources, each once.
    fn refs(&self, sources: &[Source]) -> String {
        let mut nums: Vec<usize> = sources.iter().filter_map(|s| self.number(s)).collect();
        nums.sort_unstable();
        nums.dedup();
        if nums.is_empty() {
            return String::new();
        }
        let more = nums.len().saturating_sub(self.cap);
        nums.truncate(self.cap);
        let links: Vec<String> = nums.iter().map(|n| format!("<a href=\"#ev-{n}\" title=\"evidence {n}\">[{n}]</a>")).collect();
        let more = if more == 0 { String::new() } else { format!(" <span class=\"more\" title=\"the graph's JSON-LD holds them all\">and {more} more</span>") };
        format!("<sup class=\"refs\">{}{more}</sup>", links.join(""))
    }
}

/// A date as a position in time: years, fractional.
fn when(d: (i32, u8, u8)) -> f64 {
    const BEFORE: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let (y, m, day) = d;
    y as f64 + (BEFORE[(m.clamp(1, 12) - 1) as usize] as f64 + day.max(1) as f64 - 1.0) / 365.0
}

fn first_day(d: PartialDate) -> f64 {
    when(crate::query::day_range(&d).0)
}

fn after_last_day(d: PartialDate) -> f64 {
    when(crate::query::day_range(&d).1) + 1.0 / 365.0
}

/// One body's timeline: its posts and its inspections.
struct BodyTimeline<'a> {
    id: String,
    name: String,
    kind: Option<String>,
    tenures: Vec<&'a Tenure>,
    inspections: Vec<&'a InspectionRow>,
}

/// The report of a graph read back from its JSON-LD (`query::open`, or
/// `Model::parse` of the JSON-LD the build writes).
pub fn write(graph: &Graph, diagram: &Diagram) -> String {
    super::to_string(|w| write_to(graph, diagram, w))
}

/// Writes the report of a graph read back from its JSON-LD to `w`, section
/// by section.
pub fn write_to(graph: &Graph, diagram: &Diagram, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_to_with(graph, diagram, w, 1)
}

/// As `write_to`; with more than one thread, the report's indexes are made
/// on two (the tenures on one, the inspections and the evidence on the other),
/// and its long sections on `threads` (`Sink::push_parts`).
pub fn write_to_with(graph: &Graph, diagram: &Diagram, w: &mut dyn std::io::Write, threads: usize) -> std::io::Result<()> {
    let m = &graph.model;
    let t0 = std::time::Instant::now();
    let (all_tenures, rows, ev) = indexes(graph, threads);
    crate::pipeline::note_time("report: indexes made, since the model was read", t0);
    let count = |k: Kind| m.nodes.iter().filter(|n| n.kind == k).count();
    let docs: Vec<_> = m.nodes.iter().filter(|n| n.kind == Kind::Document).collect();
    let dates: Vec<PartialDate> = docs.iter().filter_map(|d| d.date).collect();
    let span = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a != b => format!(", published {a} to {b}"),
        (Some(a), _) => format!(", published {a}"),
        _ => String::new(),
    };

    let mut sink = Sink::new(w);
    let out = &mut sink;
    head(out, m, &format!("oversight: who led and inspected children's services ({} documents)", docs.len()));
    out.push_str("<header>\n<h1>Who led, inspected and rated children's services</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">From {} documents{span}: {} people, {} bodies, {} inspections. Every fact links to the sentence it was read from.</p>",
        docs.len(),
        count(Kind::Person),
        count(Kind::Body),
        count(Kind::Inspection)
    );
    out.push_str("<nav class=\"toc\"><a href=\"#timelines\">Posts over time</a><a href=\"#inspections\">Inspections</a><a href=\"#successions\">Successions</a><a href=\"#diagram\">The graph</a><a href=\"#evidence\">Evidence</a><a href=\"#documents\">Documents</a></nav>\n</header>\n");
    out.push_str("<pre id=\"console-errors\" hidden></pre>\n");

    timelines(out, m, &all_tenures, &rows, &ev, threads);
    inspections_table(out, &rows.iter().collect::<Vec<_>>(), &ev, threads);
    successions(out, m, &ev, threads, &|_| true);
    crate::pipeline::note_time("report: timelines, inspections and successions written, since the model was read", t0);
    diagram_section(out, diagram);
    evidence_list(out, m, &ev, threads);
    crate::pipeline::note_time("report: evidence written, since the model was read", t0);
    documents(out, m);
    foot(out, m);
    sink.finish()
}

/// The folder beside `report.html` that a large graph's pages go to (a
/// page for each body in `bodies/`).
pub const PAGES: &str = "report";

/// Whether `dir` holds a report's pages and nothing else (`bodies/`, and
/// in it pages this program wrote): a build replaces or removes only such a
/// folder, never one of the same name with other files in it.
pub fn is_pages(dir: &Path) -> bool {
    let only = |d: &Path, ok: &dyn Fn(&std::fs::DirEntry) -> bool| std::fs::read_dir(d).is_ok_and(|mut es| es.all(|e| e.is_ok_and(|e| ok(&e))));
    let ours = |e: &std::fs::DirEntry| {
        let mut head = [0; 512];
        let read = std::fs::File::open(e.path()).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
        e.file_name().to_string_lossy().ends_with(".html") && head[..read].windows(GENERATOR.len()).any(|w| w == GENERATOR.as_bytes())
    };
    only(dir, &|e| e.file_name() == "bodies" && e.file_type().is_ok_and(|t| t.is_dir()) && only(&e.path(), &ours))
}

const GENERATOR: &str = "<meta name=\"generator\" content=\"oversight\">";

/// A body's page, from the folder of pages: `bodies/SLUG.html`, the slug
/// of its id (unique, as the id is), shortened with a digest past 100 bytes.
fn page_of(id: &str) -> String {
    let slug = id.rsplit(':').next().unwrap_or(id);
    if slug.len() <= 100 {
        return format!("bodies/{slug}.html");
    }
    use sha2::Digest;
    let digest = sha2::Sha256::digest(id.as_bytes());
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("bodies/{}-{hex}.html", &slug[..slug.floor_char_boundary(90)])
}

/// The report of a large graph: an index (`w`, which becomes `report.html`)
/// of every body with a post or an inspection, each linked to its own page
/// in `pages/bodies/` (its timeline, its inspections, the successions of its
/// people and of itself, and the evidence and documents they cite, with a
/// link back). The pages are made on `threads` threads, a page at a time,
/// each flushed to disk. Each page and the index stand alone: inline style and
/// script, nothing loaded.
pub fn write_split_to(graph: &Graph, w: &mut dyn std::io::Write, pages: &Path, threads: usize) -> std::io::Result<()> {
    let m = &graph.model;
    let t0 = std::time::Instant::now();
    let (all_tenures, rows, mut ev) = indexes(graph, threads);
    ev.cap = PAGE_CAP;
    let list = body_list(m, &all_tenures, &rows, false);
    crate::pipeline::note_time("report: indexes made, since the model was read", t0);
    std::fs::create_dir_all(pages.join("bodies"))?;
    let written = crate::pipeline::in_parallel_ordered(&list, threads, &|b| {
        let f = std::fs::File::create(pages.join(page_of(&b.id)))?;
        let mut w = std::io::BufWriter::new(f);
        let mut sink = Sink::new(&mut w);
        body_page(&mut sink, m, b, &ev);
        sink.finish()?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    written.into_iter().collect::<std::io::Result<()>>()?;
    std::fs::File::open(pages.join("bodies"))?.sync_all()?;
    crate::pipeline::note_time("report: body pages written, since the model was read", t0);

    let count = |k: Kind| m.nodes.iter().filter(|n| n.kind == k).count();
    let mut sink = Sink::new(w);
    let out = &mut sink;
    let documents = count(Kind::Document);
    head(out, m, &format!("oversight: who led and inspected children's services ({documents} documents)"));
    out.push_str("<header>\n<h1>Who led, inspected and rated children's services</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">From {documents} documents: {} people, {} bodies, {} inspections. The graph is too large for one page: each body below has a page of its own, with its timeline of posts, its inspections, the successions and the sentences every fact was read from. <code>graph.jsonld</code>, <code>graph.graphml</code> and <code>neo4j/</code> hold the whole graph; <code>graph.dot</code> is an overview of the bodies, and <code>oversight dot NAME --svg</code> draws any person or body in full.</p>",
        count(Kind::Person),
        count(Kind::Body),
        count(Kind::Inspection)
    );
    out.push_str("</header>\n<pre id=\"console-errors\" hidden></pre>\n");
    out.push_str("<section id=\"bodies\">\n<h2>Bodies</h2>\n<table class=\"bodies\">\n<thead><tr><th>body</th><th>kind</th><th>posts</th><th>people</th><th>inspections</th><th>latest judgement</th></tr></thead>\n<tbody>\n");
    for b in &list {
        let mut people: Vec<&str> = b.tenures.iter().map(|t| t.person.id.as_str()).collect();
        people.sort_unstable();
        people.dedup();
        let latest = b.inspections.iter().filter(|r| r.date.is_some() && !r.rating.is_empty()).max_by_key(|r| date_key(r.date.map(|d| d.0)));
        let judgement = latest.map_or_else(String::new, |r| format!("{} {}", rating_badge(&r.rating[0]), r.date.expect("dated").0));
        let _ = writeln!(
            out,
            "<tr data-body=\"{}\"><td><a href=\"{PAGES}/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{judgement}</td></tr>",
            h(&b.name),
            h(&page_of(&b.id)),
            h(&b.name),
            h(b.kind.as_deref().unwrap_or("")),
            b.tenures.len(),
            people.len(),
            b.inspections.len()
        );
    }
    if list.is_empty() {
        out.push_str("<tr><td colspan=\"6\">No body has a post or an inspection recorded.</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    foot(out, m);
    sink.finish()
}

/// One body's page: its timeline, its inspections, the successions between
/// it and other bodies or between people who held its posts, and the
/// evidence and documents that these cite (numbered as in the whole list).
fn body_page(out: &mut Sink, m: &Model, b: &BodyTimeline, ev: &Evidence) {
    head(out, m, &format!("{}: oversight", b.name));
    out.push_str("<header>\n<p><a href=\"../../report.html\" id=\"back\">\u{2190} All bodies</a></p>\n<h1>");
    out.push_markup(&b.name, false);
    out.push_str("</h1>\n<nav class=\"toc\"><a href=\"#timelines\">Posts over time</a><a href=\"#inspections\">Inspections</a><a href=\"#successions\">Successions</a><a href=\"#evidence\">Evidence</a><a href=\"#documents\">Documents</a></nav>\n</header>\n");
    out.push_str("<pre id=\"console-errors\" hidden></pre>\n");
    // The sections that cite evidence, made first: the page's evidence is what they cite.
    let mut bytes = Vec::new();
    {
        let mut sink = Sink::new(&mut bytes);
        let s = &mut sink;
        s.push_str("<section id=\"timelines\">\n<h2>Who held which post, when</h2>\n");
        legend(s);
        if b.tenures.is_empty() {
            s.push_str("<p>No one is recorded as holding a post here.</p>\n");
        } else {
            let mut text = String::new();
            body_timeline(&mut text, b, ev);
            s.push_str(&text);
        }
        s.push_str("</section>\n");
        let mut rows: Vec<&InspectionRow> = b.inspections.clone();
        rows.sort_by_key(|r| date_key(r.date.map(|d| d.0)));
        inspections_table(s, &rows, ev, 1);
        let people: std::collections::HashSet<&str> = b.tenures.iter().map(|t| t.person.id.as_str()).collect();
        successions(s, m, ev, 1, &|st| [&*st.subject, &*st.object].iter().any(|x| *x == b.id || people.contains(x)));
        let _ = sink.finish();
    }
    let cited = String::from_utf8(bytes).expect("the report is UTF-8");
    out.push_str(&cited);
    let mut numbers: Vec<usize> = cited.split("href=\"#ev-").skip(1).filter_map(|r| r.split('"').next()?.parse().ok()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    out.push_str("<section id=\"evidence\">\n<h2>Evidence</h2>\n<p class=\"summary\">Each sentence a fact on this page was read from, numbered as in the whole graph, with its document and the facts read from it.</p>\n<ul class=\"evidence\">\n");
    let mut docs: BTreeMap<String, (String, Option<PartialDate>, String)> = BTreeMap::new();
    for &n in &numbers {
        let statements = ev.entry(n - 1);
        let mut text = String::new();
        evidence_entry(&mut text, m, n, &statements);
        // Numbered as in the whole graph: a list item's own `value` would
        // cost Chromium time quadratic in the entries (16 s rather than 5 s for 3,600).
        out.push_str(&text.replacen("<blockquote>", &format!("<span class=\"ev-n\">{n}.</span><blockquote>"), 1));
        let source = Source::of(m, statements[0]);
        let node = source.document_id.as_deref().and_then(|d| m.node(d));
        docs.entry(slug(&source.document)).or_insert_with(|| {
            (source.document.to_string(), node.and_then(|d| d.date), node.and_then(|d| d.alternate_names.first().cloned()).unwrap_or_default())
        });
    }
    out.push_str("</ul>\n</section>\n");
    out.push_str("<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n<thead><tr><th>document</th><th>published</th><th>title</th></tr></thead>\n<tbody>\n");
    for (anchor, (name, date, title)) in &docs {
        let _ = writeln!(out, "<tr id=\"doc-{}\"><td>{}</td><td>{}</td><td>{}</td></tr>", h(anchor), h(name), date.map_or_else(|| "undated".to_string(), |x| x.to_string()), h(title));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    foot(out, m);
}

/// The tenures, the inspections' rows and the evidence of a graph: with
/// more than one thread, the tenures made on a thread of their own.
fn indexes(graph: &Graph, threads: usize) -> (Vec<Tenure>, Vec<InspectionRow>, Evidence<'_>) {
    let m = &graph.model;
    let rows_of = || inspections(graph, None).map(|i| i.inspections).unwrap_or_default();
    if threads > 1 {
        std::thread::scope(|s| {
            let t = s.spawn(|| tenures(m));
            let (rows, ev) = (rows_of(), Evidence::new(m));
            (t.join().expect("the tenures are made"), rows, ev)
        })
    } else {
        (tenures(m), rows_of(), Evidence::new(m))
    }
}

/// A page's head, up to the opening of its body: the policy that it loads
/// nothing, the build's id, the style and the script that records errors.
fn head(out: &mut Sink, m: &Model, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str(GENERATOR);
    out.push_str("\n");
    if let Some(build) = &m.build {
        out.push_str("<meta name=\"oversight-build\" content=\"");
        out.push_markup(build, true);
        out.push_str("\">\n");
    }
    out.push_str("<title>");
    out.push_markup(title, true);
    out.push_str("</title>\n");
    let _ = writeln!(out, "<script>\n{CAPTURE_JS}</script>");
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
}

/// A page's footer (with the build's id) and its closing script.
fn foot(out: &mut Sink, m: &Model) {
    out.push_str("<footer>Written by <code>oversight build</code>, beside <code>graph.jsonld</code>, <code>graph.graphml</code>, <code>graph.dot</code> and <code>neo4j/</code>, which hold the same graph. The page is self-contained: it loads nothing from the network.");
    if let Some(build) = &m.build {
        out.push_str(" Build <code>");
        out.push_markup(build, true);
        out.push_str("</code>.");
    }
    out.push_str("</footer>\n");
    let _ = writeln!(out, "<script>\n{MAIN_JS}</script>\n</body>\n</html>");
}

/// The posts section: one timeline for each body with posts, made on `threads` threads.
fn timelines(out: &mut Sink, m: &Model, all: &[Tenure], rows: &[InspectionRow], ev: &Evidence, threads: usize) {
    out.push_str("<section id=\"timelines\">\n<h2>Who held which post, when</h2>\n");
    legend(out);
    let list = body_list(m, all, rows, true);
    if list.is_empty() {
        out.push_str("<p>No one is recorded as holding a post.</p>\n");
    }
    // A body at a time: the first bodies hold the most facts.
    out.push_parts(list.len(), 1, threads, &|i, out| body_timeline(out, &list[i], ev));
    out.push_str("</section>\n");
}

/// The timelines' legend.
fn legend(out: &mut Sink) {
    out.push_str("<div class=\"legend\"><span><i class=\"swatch stated\"></i>a date the text gave</span><span><i class=\"swatch seen\"></i>fading: only seen in post then (first or last sighting)</span><span><i class=\"swatch stated open\"></i>dotted: the other end is not known</span>");
    for r in ["Outstanding", "Good", "Requires improvement", "Inadequate"] {
        let _ = write!(out, "<span><i class=\"diamond\" style=\"background:{}\"></i>{r}</span>", rating_colour(r));
    }
    out.push_str("<span><i class=\"diamond\" style=\"background:#bbbbbb\"></i>inspection, no rating given</span></div>\n");
}

/// The bodies with posts (with `posts_only`) or with posts or inspections,
/// each with its posts and its inspections: the most facts first, then by name.
fn body_list<'a>(m: &Model, all: &'a [Tenure], rows: &'a [InspectionRow], posts_only: bool) -> Vec<BodyTimeline<'a>> {
    let mut bodies: BTreeMap<String, BodyTimeline> = BTreeMap::new();
    let mut entry = |id: &str| -> Option<String> {
        let n = m.node(id)?;
        bodies.entry(id.to_string()).or_insert_with(|| BodyTimeline { id: id.to_string(), name: n.name.to_string(), kind: n.body_kind.clone(), tenures: Vec::new(), inspections: Vec::new() });
        Some(id.to_string())
    };
    let mut keys_t = Vec::new();
    for t in all {
        if let Some(k) = entry(&t.body.id) {
            keys_t.push((k, t));
        }
    }
    let mut keys_i = Vec::new();
    for r in rows {
        for b in &r.body {
            if let Some(k) = entry(&b.id) {
                keys_i.push((k, r));
            }
        }
    }
    for (k, t) in keys_t {
        bodies.get_mut(&k).expect("added").tenures.push(t);
    }
    for (k, r) in keys_i {
        bodies.get_mut(&k).expect("added").inspections.push(r);
    }
    let mut list: Vec<BodyTimeline> = bodies.into_values().filter(|b| !(posts_only && b.tenures.is_empty())).collect();
    list.sort_by(|a, b| (b.tenures.len() + b.inspections.len()).cmp(&(a.tenures.len() + a.inspections.len())).then_with(|| a.name.cmp(&b.name)));
    for b in &mut list {
        b.tenures.sort_by(|x, y| (&x.role, date_key(start_of(x)), &x.person.name).cmp(&(&y.role, date_key(start_of(y)), &y.person.name)));
    }
    list
}

fn start_of(t: &Tenure) -> Option<PartialDate> {
    t.start.map(|b| b.date.0).or(t.first_seen.map(|d| d.0)).or(t.end.map(|b| b.date.0))
}

fn bound_text(b: &Option<Bound>) -> String {
    b.as_ref().map_or_else(|| "?".to_string(), Bound::cell)
}

fn body_timeline(out: &mut String, b: &BodyTimeline, ev: &Evidence) {
    // The axis: whole years around every date shown.
    let mut points: Vec<f64> = Vec::new();
    for t in &b.tenures {
        for d in [t.start.map(|x| x.date.0), t.first_seen.map(|x| x.0)].into_iter().flatten() {
            points.push(first_day(d));
        }
        for d in [t.end.map(|x| x.date.0), t.last_seen.map(|x| x.0)].into_iter().flatten() {
            points.push(after_last_day(d));
        }
    }
    for r in &b.inspections {
        if let Some(d) = r.date {
            points.push(first_day(d.0));
            points.push(after_last_day(d.0));
        }
    }
    let lo = points.iter().cloned().fold(f64::INFINITY, f64::min).floor();
    let mut hi = points.iter().cloned().fold(f64::NEG_INFINITY, f64::max).ceil();
    let dated = lo.is_finite();
    if dated && hi <= lo {
        hi = lo + 1.0;
    }
    let x = |t: f64| if dated { ((t - lo) / (hi - lo) * 100.0).clamp(0.0, 100.0) } else { 0.0 };

    let _ = writeln!(out, "<article class=\"tl\" id=\"body-{}\" data-body=\"{}\">", h(&slug(&b.name)), h(&b.name));
    let _ = writeln!(out, "<h3>{}<span class=\"kind\">{}</span></h3>", h(&b.name), h(b.kind.as_deref().unwrap_or("")));
    out.push_str("<div class=\"tl-grid\">\n");
    if dated {
        out.push_str("<div class=\"tl-row axis\"><div class=\"tl-label\"></div><div class=\"tl-track\">");
        let years = (hi - lo) as i32;
        let step = match years {
            0..=12 => 1,
            13..=30 => 2,
            31..=60 => 5,
            _ => 10,
        };
        let mut y = lo as i32;
        while y as f64 <= hi {
            if (y - lo as i32) % step == 0 {
                let _ = write!(out, "<span class=\"gridline\" style=\"left:{:.2}%\"></span>", x(y as f64));
                if (y as f64) < hi {
                    let _ = write!(out, "<span class=\"tick\" style=\"left:{:.2}%\">{y}</span>", x(y as f64 + 0.5 * step.min(1) as f64));
                }
            }
            y += 1;
        }
        out.push_str("</div></div>\n");
    }
    for t in &b.tenures {
        // A span with one end unknown is drawn from the end that is known, with a dotted tail.
        let known_start = t.start.map(|s| s.date.0).or(t.first_seen.map(|d| d.0));
        let known_end = t.end.map(|e| e.date.0).or(t.last_seen.map(|d| d.0));
        let start = known_start.or(known_end);
        let end = known_end.or(known_start);
        let refs = ev.refs(&t.sources);
        let status = t.status.as_deref().unwrap_or("");
        let _ = write!(
            out,
            "<div class=\"tl-row post\" data-role=\"{}\" data-person=\"{}\"><div class=\"tl-label\"><span class=\"role\">{}</span><span class=\"who\">{}</span><span class=\"when\">{} \u{2013} {}{}</span>{refs}</div><div class=\"tl-track\">",
            h(&t.role),
            h(&t.person.name),
            h(&t.role),
            h(&t.person.name),
            h(&bound_text(&t.start)),
            h(&bound_text(&t.end)),
            if status.is_empty() { String::new() } else { format!(", {}", h(status)) },
        );
        match (start, end) {
            (Some(s), Some(e)) if dated => {
                let (left, right) = (x(first_day(s)), x(after_last_day(e.max(s))));
                let mut class = String::from("bar");
                match t.start {
                    None => class.push_str(" open-start"),
                    Some(b) if b.basis == Basis::Seen => class.push_str(" seen-start"),
                    _ => {}
                }
                match t.end {
                    None => class.push_str(" open-end"),
                    Some(b) if matches!(b.basis, Basis::Seen | Basis::NoLaterThan) => class.push_str(" seen-end"),
                    _ => {}
                }
                if status == "former" {
                    class.push_str(" former");
                }
                let href = t.sources.iter().filter_map(|s| ev.number(s)).min().map_or_else(String::new, |n| format!(" href=\"#ev-{n}\""));
                let _ = write!(
                    out,
                    "<a class=\"{class}\"{href} style=\"left:{left:.2}%;width:{:.2}%\" title=\"{}: {}, {} \u{2013} {}\"></a>",
                    (right - left).max(0.0),
                    h(&t.person.name),
                    h(&t.role),
                    h(&bound_text(&t.start)),
                    h(&bound_text(&t.end))
                );
            }
            _ => out.push_str("<span class=\"undated\">no date known</span>"),
        }
        out.push_str("</div></div>\n");
    }
    // The inspections, marked on their own row and as lines across the posts.
    let mut inspections: Vec<&&InspectionRow> = b.inspections.iter().collect();
    inspections.sort_by_key(|r| date_key(r.date.map(|d| d.0)));
    if !inspections.is_empty() {
        let lanes = lane_count(&inspections, &x);
        let _ = write!(out, "<div class=\"tl-row inspections\" style=\"min-height:{}px\"><div class=\"tl-label\"><span class=\"role\">Inspections</span>", 26 + 26 * lanes);
        let undated: Vec<String> = inspections.iter().filter(|r| r.date.is_none()).map(|r| inspection_words(r).trim_start_matches("undated ").to_string()).collect();
        if !undated.is_empty() {
            let _ = write!(out, "<span class=\"when\">undated: {}</span>", h(&undated.join("; ")));
        }
        out.push_str("</div><div class=\"tl-track\">");
        let mut lines = String::new();
        // Labels go in the first lane where they clear the one before (a label is up to about a seventh of the track wide).
        let mut lane_ends: Vec<f64> = Vec::new();
        let mut labels = String::new();
        for r in inspections.iter().filter(|r| r.date.is_some()) {
            let d = r.date.expect("dated").0;
            let mid = x((first_day(d) + after_last_day(d)) / 2.0);
            let rating = r.rating.first().map(String::as_str).unwrap_or("");
            let colour = rating_colour(rating);
            let href = r.sources.iter().filter_map(|s| ev.number(s)).min().map_or_else(String::new, |n| format!(" href=\"#ev-{n}\""));
            let _ = write!(out, "<a class=\"mk\"{href} style=\"left:{mid:.2}%;background:{colour}\" title=\"{}\"></a>", h(&inspection_words(r)));
            let kind = r.kind.as_deref().unwrap_or("inspection");
            let label = if rating.is_empty() { format!("{d}<br>{}", h(kind)) } else { format!("{d}<br>{}: {}", h(kind), h(rating)) };
            let lane = lane_ends.iter().position(|&e| e + 15.0 <= mid).unwrap_or(lane_ends.len());
            if lane == lane_ends.len() {
                lane_ends.push(mid);
            } else {
                lane_ends[lane] = mid;
            }
            let _ = write!(labels, "<span class=\"mk-label\" style=\"left:{mid:.2}%;top:{}px\">{label}</span>", 24 + 26 * lane);
            let _ = write!(lines, "<i style=\"left:{mid:.2}%;border-color:{colour}\"></i>");
        }
        out.push_str(&labels);
        out.push_str("</div></div>\n");
        if !lines.is_empty() {
            let _ = writeln!(out, "<div class=\"tl-lines\">{lines}</div>");
        }
    }
    out.push_str("</div>\n</article>\n");
}

/// How many lanes the inspections' labels take (as the loop that places them).
fn lane_count(inspections: &[&&InspectionRow], x: &dyn Fn(f64) -> f64) -> usize {
    let mut lane_ends: Vec<f64> = Vec::new();
    for d in inspections.iter().filter_map(|r| r.date) {
        let mid = x((first_day(d.0) + after_last_day(d.0)) / 2.0);
        match lane_ends.iter().position(|&e| e + 15.0 <= mid) {
            Some(l) => lane_ends[l] = mid,
            None => lane_ends.push(mid),
        }
    }
    lane_ends.len().max(1)
}

/// `2019-06 full inspection of X: Inadequate`.
fn inspection_words(r: &InspectionRow) -> String {
    let mut s = r.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
    s.push(' ');
    s.push_str(r.kind.as_deref().unwrap_or("inspection"));
    if !r.rating.is_empty() {
        s.push_str(&format!(": {}", r.rating.join(" / ")));
    }
    s
}

fn names(v: &[crate::query::Named]) -> String {
    v.iter().map(|n| h(&n.name)).collect::<Vec<_>>().join(", ")
}

/// The table of inspections, its rows made on `threads` threads.
fn inspections_table(out: &mut Sink, rows: &[&InspectionRow], ev: &Evidence, threads: usize) {
    out.push_str("<section id=\"inspections\">\n<h2>Inspections</h2>\n");
    if rows.is_empty() {
        out.push_str("<p>None is recorded.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"inspections\">\n<thead><tr><th>date</th><th>kind</th><th>body</th><th>rating</th><th>inspectors</th><th>inspectorate</th><th>evidence</th></tr></thead>\n<tbody>\n");
    out.push_parts(rows.len(), 1024, threads, &|i, out| inspection_row(out, &rows[i], ev));
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// One inspection's row of the table.
fn inspection_row(out: &mut String, r: &InspectionRow, ev: &Evidence) {
    let rating = if r.rating.is_empty() {
        "<td class=\"rating\">\u{2014}</td>".to_string()
    } else {
        format!("<td class=\"rating\">{}</td>", r.rating.iter().map(|x| rating_badge(x)).collect::<Vec<_>>().join(" "))
    };
    let docs: Vec<String> = {
        let mut d: Vec<String> = r.sources.iter().filter(|s| ev.number(s).is_none()).map(|s| h(&s.document)).collect();
        d.dedup();
        d
    };
    let mentioned = if docs.is_empty() { String::new() } else { format!(" <span class=\"when\">also in {}</span>", docs.join(", ")) };
    let _ = writeln!(
        out,
        "<tr data-rating=\"{}\"><td>{}</td><td>{}</td><td>{}</td>{rating}<td>{}</td><td>{}</td><td>{}{mentioned}</td></tr>",
        h(&r.rating.join(" / ")),
        r.date.map_or_else(|| "undated".to_string(), |d| d.to_string()),
        h(r.kind.as_deref().unwrap_or("")),
        names(&r.body),
        names(&r.inspectors),
        names(&r.inspectorate),
        ev.refs(&r.sources)
    );
}

/// The list of successions, its entries made on `threads` threads.
fn successions(out: &mut Sink, m: &Model, ev: &Evidence, threads: usize, which: &dyn Fn(&Statement) -> bool) {
    out.push_str("<section id=\"successions\">\n<h2>Successions</h2>\n");
    let mut sts: Vec<&Statement> = m.statements_of("succeeded").filter(|s| which(s)).collect();
    sts.sort_by_key(|s| (date_key(s.date), m.name(&s.subject), m.name(&s.object), s.what.clone()));
    if sts.is_empty() {
        out.push_str("<p>None is recorded.</p>\n</section>\n");
        return;
    }
    // One entry for each succession, however many sentences state it.
    let same = |a: &Statement, b: &Statement| (&a.subject, &a.object, &a.what, a.date) == (&b.subject, &b.object, &b.what, b.date);
    let groups: Vec<&[&Statement]> = sts.chunk_by(|a, b| same(a, b)).collect();
    out.push_str("<ul class=\"successions\">\n");
    out.push_parts(groups.len(), 1024, threads, &|i, out| {
        let st = groups[i][0];
        let sources: Vec<Source> = groups[i].iter().map(|s| Source::of(m, s)).collect();
        let what = st.what.as_deref().map_or_else(String::new, |w| format!(" as {}", h(w)));
        let date = st.date.map_or_else(String::new, |d| format!(" ({d})"));
        let _ = writeln!(out, "<li><b>{}</b> succeeded <b>{}</b>{what}{date}{}</li>", h(&m.name(&st.subject)), h(&m.name(&st.object)), ev.refs(&sources));
    });
    out.push_str("</ul>\n</section>\n");
}

fn diagram_section(out: &mut Sink, diagram: &Diagram) {
    out.push_str("<section id=\"diagram\">\n<h2>The graph</h2>\n");
    match diagram {
        Diagram::Svg(svg) => {
            out.push_str("<p><button id=\"fit-toggle\" type=\"button\">Actual size</button> Each body is drawn with its inspections; ratings in Ofsted's colours. <code>oversight dot NAME --svg</code> draws one person's or body's neighbourhood.</p>\n");
            out.push_str("<div class=\"diagram fit\" id=\"diagram-box\">\n");
            let start = svg.find("<svg").unwrap_or(0);
            out.push_str(svg[start..].trim_end());
            out.push_str("\n</div>\n");
        }
        Diagram::Missing(why) => {
            let _ = writeln!(out, "<p class=\"note\" id=\"diagram-missing\">{}</p>", h(why));
        }
    }
    out.push_str("</section>\n");
}

/// A statement in words: `Jo Bloggs held the post "chair" in X Council (current, 2019-06)`.
fn fact(m: &Model, st: &Statement) -> String {
    let (s, o) = (h(&m.name(&st.subject)), h(&m.name(&st.object)));
    let mut text = match &*st.predicate {
        "heldRole" => format!("{s} held the post <i>{}</i> in {o}", h(st.role_name.as_deref().unwrap_or("(unnamed)"))),
        "succeeded" => format!("{s} succeeded {o}{}", st.what.as_deref().map_or_else(String::new, |w| format!(" as {}", h(w)))),
        "inspected" => format!("{s}: the body inspected was {o}"),
        "rated" => format!("{s} was rated {}", rating_badge(&m.name(&st.object))),
        "conductedBy" => format!("{s} was carried out by {o}"),
        "inspector" => format!("{s}: {o} was an inspector"),
        "author" => format!("{s} was written by {o}"),
        p => format!("{s} {p} {o}"),
    };
    let mut extra: Vec<String> = Vec::new();
    if let Some(x) = &st.status {
        extra.push(h(x));
    }
    if let Some(d) = st.start {
        extra.push(format!("from {d}"));
    }
    if let Some(d) = st.end {
        extra.push(format!("until {d}"));
    }
    if let Some(d) = st.date {
        extra.push(format!("date {d}"));
    }
    if !extra.is_empty() {
        text.push_str(&format!(" ({})", extra.join(", ")));
    }
    text
}

/// The numbered evidence list: the entries made on `threads` threads (a
/// large graph has millions), written in order.
fn evidence_list(out: &mut Sink, m: &Model, ev: &Evidence, threads: usize) {
    out.push_str("<section id=\"evidence\">\n<h2>Evidence</h2>\n<p class=\"summary\">Each sentence a fact was read from, with its document and the facts read from it. Offsets count characters in the document's text.</p>\n<ol class=\"evidence\">\n");
    out.push_parts(ev.numbered.len(), 4096, threads, &|i, out| evidence_entry(out, m, i + 1, &ev.entry(i)));
    out.push_str("</ol>\n</section>\n");
}

/// Evidence entry `number`: the sentence, its source, and the facts read from it.
fn evidence_entry(out: &mut String, m: &Model, number: usize, statements: &[&Statement]) {
    let st = statements[0];
    let source = Source::of(m, st);
    let mut rules: Vec<&str> = statements.iter().filter_map(|s| s.rule.as_deref()).collect();
    rules.sort_unstable();
    rules.dedup();
    let offsets = match (st.start_offset, st.end_offset) {
        (Some(a), Some(b)) => format!(", characters {a}\u{2013}{b}"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "<li id=\"ev-{number}\" class=\"ev\" data-document=\"{}\"><blockquote>\u{201c}{}\u{201d}</blockquote><p class=\"ev-src\"><a href=\"#doc-{}\">{}</a>{offsets}; rule {}</p><ul class=\"facts\">",
        h(&source.document),
        h(source.evidence.as_deref().unwrap_or("")),
        h(&slug(&source.document)),
        h(&source.short()),
        h(&rules.join(", "))
    );
    let mut seen: Vec<String> = Vec::new();
    for s in statements {
        let f = fact(m, s);
        if !seen.contains(&f) {
            let _ = writeln!(out, "<li>{f}</li>");
            seen.push(f);
        }
    }
    out.push_str("</ul></li>\n");
}

fn documents(out: &mut Sink, m: &Model) {
    out.push_str("<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n<thead><tr><th>document</th><th>published</th><th>title</th></tr></thead>\n<tbody>\n");
    let mut docs: Vec<_> = m.nodes.iter().filter(|n| n.kind == Kind::Document).collect();
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    // Two documents whose names slug alike keep distinct anchors: the first has the plain one.
    // (A set: a corpus has hundreds of thousands of documents.)
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for d in docs {
        let mut anchor = format!("doc-{}", slug(&d.name));
        if used.contains(&anchor) {
            anchor = format!("{anchor}-{}", used.len());
        }
        used.insert(anchor.clone());
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(&anchor),
            h(&d.name),
            d.date.map_or_else(|| "undated".to_string(), |x| x.to_string()),
            h(d.alternate_names.first().map(String::as_str).unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(h("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
    }

    #[test]
    fn a_bodys_page_is_named_by_its_id_and_a_long_one_is_shortened_apart() {
        assert_eq!(page_of("urn:oversight:body:kent-county-council"), "bodies/kent-county-council.html");
        let long = |end: &str| format!("urn:oversight:body:{}{end}", "the-board-of-".repeat(10));
        let (a, b) = (page_of(&long("a")), page_of(&long("b")));
        assert!(a != b && a.len() < 120 && a.starts_with("bodies/the-board-of-") && a.ends_with(".html"), "{a} {b}");
    }

    #[test]
    fn time_runs_forward_through_the_year() {
        assert!(when((2019, 1, 1)) < when((2019, 6, 30)));
        assert!(when((2019, 12, 31)) < when((2020, 1, 1)));
        assert!((when((2019, 7, 2)) - 2019.5).abs() < 0.01);
    }
}
