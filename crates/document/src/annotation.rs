//! Annotation layers. Each item carries a [`Span`] into the document text, serialised flat as
//! `start`/`end` fields, the way the export contract writes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Span;

/// What kind of page furniture a boilerplate span is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    /// Menus, section links, "Home | World | ...", button words ("Dismiss", "Read more").
    Navigation,
    /// Weather, location, crawl-day date and similar page widgets.
    Widget,
    /// Share / follow / subscribe / newsletter prompts.
    Share,
    /// Related-links and "more stories" blocks.
    Related,
    /// Comment forms and comment threads.
    Comments,
    /// "About the author" boxes.
    AuthorBio,
    /// Photo captions.
    Caption,
    /// Photo and media credits ("[Screenshot from X]", "Photo: Reuters").
    Credit,
    /// The byline line ("By Jane Doe", "BY JANE DOE [email]").
    Byline,
    /// A standalone dateline or timestamp line.
    Dateline,
    /// Section headings that are furniture rather than article text (a lone "News").
    Label,
    /// Advertising.
    Advertisement,
    /// Footers, copyright lines, legal text.
    Footer,
    Other,
}

/// A stretch of the text that is page furniture, not article prose. Marked, never deleted.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Boilerplate {
    #[serde(flatten)]
    pub span: Span,
    pub kind: BoilerplateKind,
}

/// A source the article cites or was syndicated from.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Cite {
    pub name: String,
    pub url: Option<String>,
    /// Where the citation is in the text; `None` for one read from HTML metadata only.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// True when the article says it is a copy or rewrite of this source ("Original Source: x").
    #[serde(default)]
    pub syndication: bool,
}

/// A sentence of article text (headlines and standalone lines count as sentences).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Sentence {
    #[serde(flatten)]
    pub span: Span,
}

/// A word, number or punctuation token.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Token {
    #[serde(flatten)]
    pub span: Span,
}

/// Entity types of the export contract.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    /// Countries, cities, regions and other places.
    Gpe,
    /// Nationalities and religious or political groups ("North Korean", "Ukrainian").
    Norp,
    Event,
    Other,
}

/// One mention of a named entity in the text.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct EntityMention {
    #[serde(flatten)]
    pub span: Span,
    pub label: EntityType,
    /// Index into [`crate::Document::entities`]: the within-document entity this mention refers to.
    pub entity: Option<usize>,
}

/// A within-document entity: the mentions that refer to one person, organisation or place.
/// Cross-document identity is assigned later, by the store.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name the document uses ("Kim Jong Un" rather than "Kim").
    pub name: String,
    pub label: EntityType,
    /// Distinct surface forms used in the document.
    pub aliases: Vec<String>,
    /// Roles and titles the text gives it ("president", "defector").
    #[serde(default)]
    pub roles: Vec<String>,
}

/// How a figure is qualified.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    #[default]
    Exact,
    Approximately,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    Range,
    Vague,
}

/// What a number is, beyond its value. Only some kinds can become claims.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    #[default]
    Cardinal,
    Money,
    Percent,
    Ordinal,
    Year,
    Age,
    ClockTime,
    Duration,
    Temperature,
    /// A physical measurement with a unit (km, tonnes, magnitude).
    Measurement,
    /// A number that is part of a name ("Group of 20", "Route 66").
    NamePart,
}

/// A number or vague quantity found in the text, with its hedge and the interval the words allow.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Quantity {
    /// The whole phrase, hedge included ("more than 2,700").
    #[serde(flatten)]
    pub span: Span,
    /// The value as written; `None` for ranges and vague quantities.
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    pub kind: QuantityKind,
    /// Unit or currency code ("USD", "%", "km") when there is one.
    pub unit: Option<String>,
}

/// How precise a date is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Season,
    Year,
}

/// A date expression in the text, resolved against the publication date where it is relative.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct DateMention {
    #[serde(flatten)]
    pub span: Span,
    /// The resolved date (the first day of the period for months, seasons and years).
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// True for "on Friday", "last week" and other dates read relative to the publication date.
    pub relative: bool,
}

/// The measure vocabulary of the export contract (see CLAIMS.md).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Deployed,
    Killed,
    Wounded,
    Casualties,
    Captured,
    Missing,
    Displaced,
    Arrested,
    Cost,
    #[default]
    Other,
}

/// Who a figure or quote comes from, with the span of that mention.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Attribution {
    /// The fullest form of the source's name found in the document.
    pub name: String,
    #[serde(flatten)]
    pub span: Span,
}

/// A quantity that someone asserts about the world.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Claim {
    /// The figure with its hedge ("over 10,000").
    #[serde(flatten)]
    pub span: Span,
    pub sentence: Span,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    pub measure: Measure,
    /// The noun counted ("soldiers").
    pub counted: Option<String>,
    /// Whose they are ("North Korea").
    pub subject: Option<String>,
    pub attributed_to: Option<Attribution>,
    pub as_of: Option<NaiveDate>,
}

/// Who spoke or wrote a quote.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's fullest name in the document, or the description ("the mother") when unnamed.
    pub name: String,
    /// The mention the speaker was read from (a pronoun's antecedent when resolved).
    #[serde(flatten)]
    pub span: Span,
    /// Index into [`crate::Document::entities`] when linked.
    pub entity: Option<usize>,
}

/// A direct quote: the words inside the quotation marks.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Quote {
    #[serde(flatten)]
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The cue word ("said", "wrote", "according to", ":").
    pub cue: Option<String>,
}
