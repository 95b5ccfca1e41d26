//! Off-topic local news for the general-news stream (issue 26): sport,
//! planning, courts, weather and business stories that name invented people,
//! the gazetteer's real councils and dates, but state no children's-services
//! fact. They name no post of `schema/vocab/roles.tsv`, no inspection and no
//! judgement of services, and no body taking services over, so a build of a
//! stream must give what the build of its on-topic documents alone gives.
//!
//! Each story is drawn from its own random stream: a genre, a headline, a
//! lead and paragraphs picked from that genre's templates in a shuffled
//! order, quotes attributed to invented people.

use super::date::Ymd;
use super::names::pools;
use super::rng::Rng;
use super::world::{World, FIRST_YEAR, LAST_YEAR};

/// A genre's templates. Placeholders: `{place}` (the council's place),
/// `{council}` (its common name), `{other}` (another place), `{p1}`..`{p3}`
/// (invented people), `{date}` (`3 March 2021`), `{day}` (a weekday),
/// `{later}` (a later date), `{month}`, `{month2}` (a later month), `{year}`
/// (a year before), `{year2}` (a year after), `{n}` (a number), `{club}` (a club of the place), `{firm}`.
struct Genre {
    headlines: &'static [&'static str],
    leads: &'static [&'static str],
    body: &'static [&'static str],
    quotes: &'static [&'static str],
}

const SPORT: Genre = Genre {
    headlines: &[
        "{club} come from behind to beat {other} in {month} derby",
        "Late goal earns {club} a point away at {other}",
        "{club} seal promotion with victory over {other}",
        "Cup heartbreak for {club} after penalty shoot-out",
    ],
    leads: &[
        "{club} fought back from two goals down to beat {other} 3-2 on {day}, with {p1} scoring the winner in the 88th minute.",
        "A header from {p1} deep into stoppage time earned {club} a 1-1 draw at {other} on {date}.",
        "{club} sealed promotion on {day} with a 2-0 win over {other} in front of {n} supporters.",
        "{club} were knocked out of the county cup on {date} after losing 5-4 on penalties to {other}.",
    ],
    body: &[
        "{p2} opened the scoring after 12 minutes, curling a free kick over the wall and into the top corner.",
        "The visitors were reduced to ten men shortly before half-time when {p3} was shown a second yellow card.",
        "Goalkeeper {p3} made a string of saves in the second half to keep the home side in the game.",
        "The attendance of {n} was the highest at the ground this season, according to the club.",
        "{club} now sit third in the table, four points behind the leaders with six games to play.",
        "Rain had left the pitch heavy, and both sides struggled to keep the ball on the ground.",
        "The club's youth academy has produced four of the current first-team squad, including {p2}.",
        "Work on a new stand, part-funded by a grant from {council}, is due to finish before the new season.",
        "Tickets for the next home game, against {other} on {day}, go on sale on the club's website this week.",
        "The side have not lost at home since {month}, a run of eleven league games.",
        "Captain {p2} was later named player of the match by the sponsors.",
        "Supporters' groups have asked for extra buses on match days after complaints about the last service home.",
    ],
    quotes: &[
        "We showed real character today. Going two down could have finished us, but the lads kept going.",
        "It was a tough afternoon on a difficult pitch, and I thought we deserved at least a point.",
        "This is what we have worked for all season, and the supporters have been brilliant.",
        "Penalties are cruel, but I could not be prouder of the effort the players put in.",
        "We have to look after the ball better, but there is plenty to build on.",
    ],
};

const PLANNING: Genre = Genre {
    headlines: &[
        "Plans for {n} homes on former depot site in {place} approved",
        "Residents object to {place} retail park extension",
        "New leisure centre for {place} wins planning permission",
        "Decision on {place} solar farm deferred after objections",
    ],
    leads: &[
        "Plans to build {n} homes on the site of a former bus depot in {place} were approved by {council}'s planning committee on {date}.",
        "More than {n} residents have signed a petition against plans to extend a retail park on the edge of {place}, ahead of a decision due in {month}.",
        "A new leisure centre with a 25-metre pool and a climbing wall is to be built in {place} after {council} granted planning permission on {day}.",
        "A decision on a 60-acre solar farm near {place} was put off on {date} after {n} letters of objection were received.",
    ],
    body: &[
        "The developer, {firm}, says a third of the homes will be offered at affordable rents.",
        "Objectors said the roads around the site already struggle with traffic at peak times.",
        "The committee heard that the scheme includes a new cycle path linking the site to the railway station.",
        "Under the plans, {n} parking spaces will be provided, along with charging points for electric cars.",
        "The site has been empty since the depot closed in {year}, and has been used for fly-tipping since.",
        "Planners recommended approval, saying the benefits of new housing outweighed the harm to views from the footpath.",
        "The developer could still appeal against the conditions attached to the permission.",
        "Construction is expected to take about two years, with the first residents moving in by {month} {year2}.",
        "The parish council raised concerns about drainage, pointing to flooding on the lane in {year}.",
        "A public exhibition of the plans was held at the library on {day}, attended by about {n} people.",
        "{council} received {n} comments on the application, most of them objections.",
        "Ecologists surveyed the site for bats and great crested newts before the application was lodged.",
    ],
    quotes: &[
        "We are not against new homes, but this is simply the wrong place for so many of them.",
        "This scheme will bring a derelict site back into use and give local families somewhere to live.",
        "Nobody has explained how the junction will cope with hundreds more cars every morning.",
        "We have listened to residents and changed the design three times since the first exhibition.",
        "The town has waited a long time for facilities like these.",
    ],
};

const COURTS: Genre = Genre {
    headlines: &[
        "{place} man jailed for string of burglaries",
        "Driver banned after crash on {place} ring road",
        "Shop worker admits stealing thousands from till",
        "Trial hears of late-night attack outside {place} takeaway",
    ],
    leads: &[
        "A man from {place} has been jailed for three years and four months after admitting a series of burglaries across the town between {month} and {month2}.",
        "A driver who crashed into a lamp post on the {place} ring road while more than twice the drink-drive limit has been banned from driving for three years.",
        "A shop worker who stole more than {n} pounds from the tills of a {place} supermarket has been given a suspended sentence.",
        "A jury at {place} Crown Court has heard how a man was punched and kicked outside a takeaway in the early hours of {date}.",
    ],
    body: &[
        "{p1}, 34, of Station Road, appeared before magistrates on {day} and pleaded guilty to all the charges.",
        "The court heard that {p1} took jewellery, laptops and a car key from homes while their owners slept.",
        "Prosecuting, {p2} said the offences had left the victims afraid to stay in their own homes.",
        "Defending, {p3} said his client had been struggling with debts and was sorry for what he had done.",
        "Judge {p2} said the offences were planned and that only an immediate custodial sentence could be justified.",
        "He was also ordered to pay costs of {n} pounds and a victim surcharge.",
        "Police said the arrest followed a public appeal and footage from a doorbell camera.",
        "The trial, which is expected to last five days, continues.",
        "The defendant, who denies causing grievous bodily harm, was remanded in custody until the next hearing.",
        "Magistrates heard that a breath test at the roadside showed 82 micrograms of alcohol in 100 millilitres of breath.",
        "The case was adjourned until {later} for reports to be prepared.",
        "The court heard that the money had been taken over eighteen months and was spent on gambling.",
    ],
    quotes: &[
        "I want to apologise to everyone I have hurt. I know what I did was wrong.",
        "We have not slept properly since the night someone walked into our house.",
        "This sentence sends a clear message that this kind of behaviour will not be tolerated in our town.",
        "We are grateful to the residents who came forward with information.",
        "It has taken a long time to get to court, but we are glad it is finally over.",
    ],
};

const WEATHER: Genre = Genre {
    headlines: &[
        "Yellow warning for heavy rain across {place} on {day}",
        "Snow and ice bring disruption to roads around {place}",
        "Heatwave: {place} temperatures expected to pass 30C",
        "Flood defences tested as river rises in {place}",
    ],
    leads: &[
        "The Met Office has issued a yellow warning for heavy rain covering {place} from 6am on {day}, with up to 50mm expected on higher ground.",
        "Drivers around {place} have been told to allow extra time for journeys after snow fell overnight on {date}.",
        "Temperatures in {place} are expected to pass 30C on {day}, and forecasters say the hot spell could last into next week.",
        "Flood defences along the river in {place} were put to the test on {date} as the water rose to its highest level in {n} years.",
    ],
    body: &[
        "{council} said its gritters had treated {n} miles of priority routes overnight.",
        "The Environment Agency has issued flood alerts for several stretches of the river.",
        "Forecasters said showers would clear by the afternoon, leaving a cold but bright evening.",
        "Several roads were closed after trees came down, and one rail line was blocked for much of the morning.",
        "Residents have been urged to check on elderly neighbours and to keep out of the sun at the hottest part of the day.",
        "Sandbags were handed out from the depot on Mill Lane on {day} afternoon.",
        "The last time the river reached this level, in {year}, more than {n} homes were flooded.",
        "Bin collections were suspended for the day, and will be made up on {day}.",
        "Power was lost to about {n} homes for several hours before engineers restored supplies.",
        "Farmers say the wet spring has already delayed planting by several weeks.",
        "The warning remains in place until midnight, and may be extended.",
        "Water companies asked customers to use hosepipes sparingly while demand is high.",
    ],
    quotes: &[
        "We had water coming up through the floorboards within an hour. It was frightening.",
        "Please only travel if you really need to, and take it slowly on untreated roads.",
        "The defences did exactly what they were built to do, and that is a relief for everyone on this street.",
        "We have never seen it this hot so early in the year.",
        "Our teams have been out since four this morning clearing fallen trees.",
    ],
};

const BUSINESS: Genre = Genre {
    headlines: &[
        "Family bakery opens second shop in {place}",
        "{n} jobs created as distribution centre opens near {place}",
        "{place} brewery wins national award",
        "High street cafe closes after twenty years",
    ],
    leads: &[
        "A family-run bakery that began at a market stall in {place} has opened its second shop, on the high street, creating {n} jobs.",
        "A distribution centre on the edge of {place} opened on {date}, with {n} jobs created and more expected by the end of the year.",
        "A small brewery in {place} has won a gold medal at a national beer festival for its dark mild.",
        "A cafe that has served shoppers in {place} for twenty years closed its doors for the last time on {day}.",
    ],
    body: &[
        "The business was founded by {p1} and {p2} in {year}, selling bread from the back of a van.",
        "{firm} said it had received more than {n} applications for the new posts in the first week.",
        "The unit, which had stood empty for three years, was refitted over the summer.",
        "Energy bills had tripled in a year, according to the owners, making the business hard to keep going.",
        "The brewery now supplies more than {n} pubs across the region and plans to open a taproom.",
        "A grant from {council}'s high street fund paid for a new shopfront.",
        "Customers queued along the pavement on the opening morning, with the first loaves sold out by ten.",
        "The site covers the size of six football pitches and will run around the clock.",
        "Local business groups say footfall in the town centre has recovered since {year}.",
        "The owners thanked regular customers, some of whom had visited every week since the cafe opened.",
        "The company expects turnover to pass {n} thousand pounds this year.",
        "A second brewing kit is due to be installed in {month}, doubling capacity.",
    ],
    quotes: &[
        "We started with one oven and a van, so opening a second shop feels like a dream.",
        "These are good, secure jobs, and we want to recruit as many people from the town as we can.",
        "We never expected to win anything. We just brew the beer we like to drink.",
        "It breaks my heart to close, but the numbers no longer add up.",
        "The high street needs businesses like this if it is going to survive.",
    ],
};

const GENRES: [&Genre; 5] = [&SPORT, &PLANNING, &COURTS, &WEATHER, &BUSINESS];

/// How a speaker is introduced after a quote.
const SPEAKERS: &[&str] = &["said {who}", "{who} said", "added {who}", "said {who}, who lives nearby", "{who} told this newspaper"];

const CLUBS: &[&str] = &["Town", "United", "Rovers", "Athletic", "Wanderers", "Borough"];
const FIRMS: &[&str] = &["Homes", "Developments", "Logistics", "and Sons", "Estates", "Partners"];

/// An off-topic story from its own random stream.
pub fn write(w: &World, mut rng: Rng) -> String {
    let genre = rng.below(GENRES.len());
    let g = GENRES[genre];
    let c = *rng.pick(&w.councils);
    let o = *rng.pick(&w.councils);
    let body = &w.bodies[c];
    let place = body.place.clone();
    let other = w.bodies[o].place.clone();
    let p = pools();
    let person = |rng: &mut Rng| format!("{} {}", rng.pick(&p.given), rng.pick(&p.surnames));
    let people: Vec<String> = (0..6).map(|_| person(&mut rng)).collect();
    let date = Ymd::new(rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32);
    let later = date.add_days(rng.range(40, 200));
    let firm = format!("{} {}", p.surnames[rng.below(p.surnames.len())], rng.pick(FIRMS));
    let club = format!("{place} {}", rng.pick(CLUBS));
    let other = if genre == 0 { format!("{other} {}", rng.pick(CLUBS)) } else { other };
    let n = rng.range(12, 900).to_string();
    let fill = |t: &str, rng: &mut Rng| -> String {
        t.replace("{place}", &place)
            .replace("{council}", body.common())
            .replace("{other}", &other)
            .replace("{club}", &club)
            .replace("{firm}", &firm)
            .replace("{p1}", &people[0])
            .replace("{p2}", &people[1])
            .replace("{p3}", &people[2])
            .replace("{date}", &date.long())
            .replace("{later}", &later.long())
            .replace("{day}", super::date::WEEKDAYS[rng.below(7)])
            .replace("{month2}", later.month_name())
            .replace("{month}", date.month_name())
            .replace("{year2}", &later.y.saturating_add(1).to_string())
            .replace("{year}", &(date.y - rng.range(1, 9) as i32).to_string())
            .replace("{n}", &n)
    };

    let mut out = String::with_capacity(4000);
    let headline = fill(g.headlines[rng.below(g.headlines.len())], &mut rng);
    out.push_str(&headline);
    out.push_str("\n\n");
    out.push_str(&format!("By {}\n{}\n\n", people[5], date.dateline()));
    out.push_str(&fill(g.leads[rng.below(g.leads.len())], &mut rng));
    out.push_str("\n\n");
    let mut order: Vec<usize> = (0..g.body.len()).collect();
    rng.shuffle(&mut order);
    let mut quotes: Vec<usize> = (0..g.quotes.len()).collect();
    rng.shuffle(&mut quotes);
    // Paragraphs of one or two of the genre's sentences (7 to all 12 of
    // them, shuffled), a quote after every second one (three at most).
    order.truncate(rng.range(7, g.body.len() as i64) as usize);
    let mut next = order.into_iter().peekable();
    let mut k = 0;
    while next.peek().is_some() {
        let sentences: Vec<String> = (&mut next).take(rng.range(1, 2) as usize).map(|t| fill(g.body[t], &mut rng)).collect();
        out.push_str(&sentences.join(" "));
        out.push_str("\n\n");
        if k % 2 == 1 && k / 2 < 3 {
            let who = &people[2 + k / 2];
            let intro = rng.pick(SPEAKERS).replace("{who}", who);
            let quote = g.quotes[quotes[k / 2]].trim_end_matches('.');
            out.push_str(&format!("\"{quote},\" {intro}.\n\n"));
        }
        k += 1;
    }
    let closer = match rng.below(3) {
        0 => "Sign up to our daily newsletter".to_string(),
        1 => format!("Read more news from {place} on our website"),
        _ => format!("Got a story? Contact the {place} newsdesk"),
    };
    out.push_str(&closer);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_vary_are_news_sized_and_deterministic() {
        let w = World::new(5);
        let texts: Vec<String> = (0..200).map(|i| write(&w, Rng::derive(5, i))).collect();
        assert_eq!(texts[7], write(&w, Rng::derive(5, 7)));
        let mean = texts.iter().map(String::len).sum::<usize>() / texts.len();
        assert!((1200..5000).contains(&mean), "mean story size {mean}");
        let leads: std::collections::HashSet<&str> = texts.iter().map(|t| t.split("\n\n").nth(2).unwrap()).collect();
        assert!(leads.len() > 150, "{} different leads in 200 stories", leads.len());
    }

    /// No story names a post of roles.tsv, a judgement of services, an
    /// inspection, or a body other than a council.
    #[test]
    fn stories_name_no_post_inspection_or_body_but_councils() {
        let mut words: Vec<regex::Regex> = include_str!("../../schema/vocab/roles.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').next().unwrap())
            .map(|p| {
                let caps = p.chars().any(|c| c.is_ascii_uppercase()) && !p.chars().any(|c| c.is_ascii_lowercase());
                regex::Regex::new(&format!("{}\\b(?:{p})\\b", if caps { "" } else { "(?i)" })).unwrap()
            })
            .collect();
        words.push(regex::Regex::new(r"(?i)\b(?:child|children|Ofsted|inspect\w*|safeguard\w*|social care|inadequate|requires? improvement|special measures|trust)\b").unwrap());
        let schema = crate::schema::Schema::get();
        let bodies: Vec<&str> =
            schema.bodies.iter().filter(|b| b.kind != crate::schema::BodyKind::Council).map(|b| b.name.as_str()).collect();
        let w = World::new(2);
        for i in 0..2000 {
            let text = write(&w, Rng::derive(2, i));
            for re in &words {
                assert!(!re.is_match(&text), "story {i} matches {re}:\n{text}");
            }
            for b in &bodies {
                assert!(!text.contains(b), "story {i} names {b}:\n{text}");
            }
        }
    }
}
