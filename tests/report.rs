//! `report.html` in a real browser: headless Chromium (Debian's `chromium`)
//! renders it without a console message or script error, its timelines show
//! every post `who-led` lists for each body, its inspections table shows the
//! ratings in their colours, and a screenshot is kept at `out/report.png`
//! (shown in the README). The page is one self-contained file: no network, and
//! every link within it leads somewhere.

use crate::common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const INSTALL: &str = "install Chromium (apt-get install chromium)";

/// Runs headless Chromium on a page with a fresh profile, bounded in time.
fn chromium(page: &Path, extra: &[&str], name: &str) -> Output {
    let found = Command::new("sh").args(["-c", "command -v chromium"]).output().map(|o| o.status.success()).unwrap_or(false);
    assert!(found, "chromium is needed by this test; {INSTALL}, or run `bash tests/run.sh`, which installs it");
    let profile = scratch(&format!("chromium-profile-{name}"));
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let user_data = format!("--user-data-dir={}", s(&profile));
    let mut args = vec![
        "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--enable-logging=stderr", "--v=0", &user_data,
    ];
    args.extend_from_slice(extra);
    args.push(&url);
    let o = Command::new("timeout").args(&args).output().expect("timeout(1) runs");
    let _ = fs::remove_dir_all(&profile);
    o
}

/// Console messages and uncaught errors in Chromium's log.
fn console_lines(o: &Output) -> Vec<String> {
    stderr(o).lines().filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught")).map(str::to_string).collect()
}

/// Text as Chromium serialises it in an attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

#[test]
fn chromium_renders_the_report_with_every_post_and_rating_and_no_errors() {
    let out = build_seeds("report-chromium");
    let page = out.join("report.html");
    let o = chromium(&page, &["--dump-dom"], "dom");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
    assert_eq!(console_lines(&o), Vec::<String>::new(), "the page logged to the console");
    let dom = stdout(&o);
    assert!(dom.contains("data-report-ready=\"yes\""), "the page's script did not run to its end");
    assert!(dom.contains("<pre id=\"console-errors\" hidden=\"\"></pre>"), "the page recorded errors: {}", &dom[dom.find("console-errors").unwrap_or(0)..][..300.min(dom.len())]);

    // The timelines show every post who-led lists, each in its body's timeline.
    let graph = out.join("graph.jsonld");
    let doc: Value = serde_json::from_str(&fs::read_to_string(&graph).unwrap()).unwrap();
    let items = doc["@graph"].as_array().unwrap();
    let name_of = |id: &str| items.iter().find(|i| i["@id"] == id).and_then(|i| i["name"].as_str()).unwrap().to_string();
    let bodies: BTreeSet<String> = items.iter().filter(|i| i["predicate"] == "heldRole").map(|i| name_of(i["object"].as_str().unwrap())).collect();
    assert!(bodies.len() >= 4, "{bodies:?}");
    let mut posts = 0;
    for body in &bodies {
        let o = oversight(&["who-led", body, "--json", "--graph", s(&graph)]);
        assert!(o.status.success(), "{}", stderr(&o));
        let led: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let start = dom.find(&format!("data-body=\"{}\"", attr(body))).unwrap_or_else(|| panic!("no timeline for {body}"));
        let section = &dom[start..start + dom[start..].find("</article>").unwrap()];
        for t in led["tenures"].as_array().unwrap() {
            let (role, person) = (t["role"].as_str().unwrap(), t["person"]["name"].as_str().unwrap());
            let row = format!("data-role=\"{}\" data-person=\"{}\"", attr(role), attr(person));
            assert!(section.contains(&row), "{body}'s timeline lacks {person}, {role}");
            posts += 1;
        }
    }
    assert!(posts >= 15, "only {posts} posts");
    for seen in ["director of children's services", "Cathi Hadley", "Lesley Hagger", "children's commissioner", "Malcolm Newsam"] {
        assert!(dom.contains(seen), "{seen} is not shown");
    }
    // Inspections are marked on the timeline and rated in Ofsted's colours in the table.
    assert!(dom.contains("class=\"mk\""), "no inspection on the timelines");
    for (rating, colour) in [("Inadequate", "#cc0000"), ("Good", "#93c47d"), ("Outstanding", "#3d7a3a")] {
        let row_at = dom.find(&format!("<tr data-rating=\"{rating}\">")).unwrap_or_else(|| panic!("no {rating} row"));
        let row = &dom[row_at..row_at + dom[row_at..].find("</tr>").unwrap()];
        assert!(row.contains(&format!("background:{colour}")), "{rating} is not in its colour: {row}");
    }
    // The diagram is Graphviz's SVG, inline.
    let diagram = &dom[dom.find("id=\"diagram\"").unwrap()..];
    assert!(diagram.contains("<svg") && diagram.contains("class=\"graph\""), "no diagram");

    // The screenshot the README shows.
    let shot = root().join("out/report.png");
    let arg = format!("--screenshot={}", s(&shot));
    let o = chromium(&page, &[&arg, "--window-size=1400,2000"], "shot");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
    assert_eq!(console_lines(&o), Vec::<String>::new());
    let png = fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000, "not a screenshot");
}

#[test]
fn the_report_is_one_self_contained_file_whose_links_all_lead_somewhere() {
    let out = build_seeds("report-static");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "no policy against loading anything");
    for external in [" src=", "<link", "@import", "url(", "href=\"http", "href='http", "xlink:href=\"http"] {
        assert!(!html.contains(external), "the page refers to something outside itself: {external}");
    }
    let ids: BTreeSet<&str> = html.split(" id=\"").skip(1).map(|r| r.split('"').next().unwrap()).collect();
    let mut links = 0;
    for target in html.split("href=\"#").skip(1).map(|r| r.split('"').next().unwrap()) {
        assert!(ids.contains(target), "a link to #{target}, which is not on the page");
        links += 1;
    }
    assert!(links > 50, "only {links} links");
    // Every fact in the evidence list has its sentence and its document.
    let evidence = &html[html.find("<ol class=\"evidence\">").unwrap()..];
    let entries = evidence.matches("<li id=\"ev-").count();
    assert!(entries > 20, "{entries} evidence entries");
    assert_eq!(evidence.matches("<blockquote>").count(), entries);
    assert_eq!(evidence.matches("class=\"ev-src\"><a href=\"#doc-").count(), entries);
}

#[test]
fn without_graphviz_the_report_says_how_to_get_the_diagram() {
    let out = scratch("report-no-graphviz");
    let empty = scratch("report-no-graphviz-path");
    let o = Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args(["build", "seeds", "--quiet", "--out", s(&out)])
        .current_dir(root())
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    let diagram = &html[html.find("<section id=\"diagram\">").unwrap()..];
    let diagram = &diagram[..diagram.find("</section>").unwrap()];
    assert!(diagram.contains("id=\"diagram-missing\"") && diagram.contains("apt-get install graphviz") && diagram.contains("brew install graphviz"), "{diagram}");
    assert!(!diagram.contains("<svg"));
    assert!(html.contains("data-role=\"director of children&#39;s services\""), "the timelines are still drawn");
}

/// The seeds built in the large form (`--large-above 10`: more than ten nodes).
fn build_seeds_large(name: &str) -> std::path::PathBuf {
    let out = scratch(name);
    let o = oversight(&["build", "seeds", "--out", s(&out), "--quiet", "--large-above", "10"]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out
}

/// The `href`s of a page that lead off it (`#...` aside), and its ids.
fn links_and_ids(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let ids = html.split(" id=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect();
    let links = html.split("href=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect();
    (links, ids)
}

#[test]
fn a_large_graphs_report_is_an_index_of_body_pages_each_whole_and_linked_both_ways() {
    let out = build_seeds_large("report-large");
    let index = fs::read_to_string(out.join("report.html")).unwrap();
    let stamp = build_ids(&out)["report.html"].clone();
    assert_eq!(stamp.len(), 37, "{stamp}");
    let (links, _) = links_and_ids(&index);
    let pages: Vec<&String> = links.iter().filter(|l| l.starts_with("report/bodies/")).collect();
    // Every body with a post or an inspection has its page, and nothing else is linked.
    let doc: Value = serde_json::from_str(&fs::read_to_string(out.join("graph.jsonld")).unwrap()).unwrap();
    let items = doc["@graph"].as_array().unwrap();
    let bodies: BTreeSet<&str> = items.iter().filter(|i| i["predicate"] == "heldRole" || i["predicate"] == "inspected").map(|i| i["object"].as_str().unwrap()).collect();
    assert_eq!(pages.len(), bodies.len(), "{pages:?}");
    assert_eq!(links.len(), pages.len(), "the index links elsewhere: {links:?}");
    let files: BTreeSet<String> = fs::read_dir(out.join("report/bodies")).unwrap().map(|e| format!("report/bodies/{}", e.unwrap().file_name().to_string_lossy())).collect();
    assert_eq!(files, pages.iter().map(|p| p.to_string()).collect::<BTreeSet<_>>(), "pages that are not linked, or links to no page");
    for page in &pages {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains(&format!("<meta name=\"oversight-build\" content=\"{stamp}\">")), "{page} is another build's");
        assert!(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "{page}: no policy against loading anything");
        for external in [" src=", "<link", "@import", "url(", "href=\"http"] {
            assert!(!html.contains(external), "{page} refers to something outside itself: {external}");
        }
        let (links, ids) = links_and_ids(&html);
        assert!(links.contains(&"../../report.html".to_string()), "{page} does not link back to the index");
        for l in &links {
            match l.strip_prefix('#') {
                Some(target) => assert!(ids.contains(target), "{page}: a link to #{target}, which is not on the page"),
                None => assert_eq!(l, "../../report.html", "{page} links elsewhere"),
            }
        }
        // Every evidence entry the page cites has its sentence and its document.
        let entries = html.matches("<span class=\"ev-n\">").count();
        assert_eq!(html.matches("<blockquote>").count(), entries, "{page}");
        assert!(entries > 0, "{page} cites no evidence");
    }
}

#[test]
fn chromium_opens_the_large_index_and_a_body_page_with_its_timeline_and_inspections() {
    let out = build_seeds_large("report-large-chromium");
    let o = chromium(&out.join("report.html"), &["--dump-dom"], "large-index");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
    assert_eq!(console_lines(&o), Vec::<String>::new(), "the index logged to the console");
    let dom = stdout(&o);
    assert!(dom.contains("data-report-ready=\"yes\"") && dom.contains("<pre id=\"console-errors\" hidden=\"\"></pre>"), "the index's script did not run cleanly");
    let row = &dom[dom.find("<tr data-body=\"Northamptonshire County Council\">").expect("no row for Northamptonshire County Council")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("href=\"report/bodies/northamptonshire-county-council.html\"") && row.contains("Inadequate"), "{row}");

    let page = out.join("report/bodies/northamptonshire-county-council.html");
    let o = chromium(&page, &["--dump-dom"], "large-page");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
    assert_eq!(console_lines(&o), Vec::<String>::new(), "the page logged to the console");
    let dom = stdout(&o);
    assert!(dom.contains("data-report-ready=\"yes\"") && dom.contains("<pre id=\"console-errors\" hidden=\"\"></pre>"), "the page's script did not run cleanly");
    // Its timeline shows every post who-led lists, and its inspections their ratings in colour.
    let o = oversight(&["who-led", "Northamptonshire County Council", "--json", "--graph", s(&out.join("graph.jsonld"))]);
    let led: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let tenures = led["tenures"].as_array().unwrap();
    assert!(tenures.len() >= 5, "{led}");
    for t in tenures {
        let row = format!("data-role=\"{}\" data-person=\"{}\"", attr(t["role"].as_str().unwrap()), attr(t["person"]["name"].as_str().unwrap()));
        assert!(dom.contains(&row), "the page's timeline lacks {row}");
    }
    assert!(dom.contains("class=\"mk\""), "no inspection on the timeline");
    let row_at = dom.find("<tr data-rating=\"Inadequate\">").expect("no Inadequate inspection");
    assert!(dom[row_at..].split("</tr>").next().unwrap().contains("background:#cc0000"), "Inadequate is not in its colour");
    assert!(dom.contains("href=\"../../report.html\""), "no way back to the index");
}
