//! Open311 `GeoReport` v2 documents (issue #19), in XML and JSON from one tree.
//!
//! The JSON is the XML mapped by the "Spark convention" the specification uses: the root
//! element disappears, so lists (`services`, `service_requests`, `errors`) are bare JSON
//! arrays and `discovery` and `service_definition` are objects. XML is written with
//! quick-xml's writer (escaping done there, never by `format!`), with an XML declaration
//! and no namespace. Codes and ids are strings in JSON (the specification's examples print
//! `001` unquoted, which is not JSON).

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// A response format, chosen by the path's suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    /// The format of a suffix (`xml`, `json`).
    pub fn parse(suffix: &str) -> Option<Self> {
        match suffix {
            "xml" => Some(Self::Xml),
            "json" => Some(Self::Json),
            _ => None,
        }
    }

    /// The response's content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xml => "text/xml; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }

    /// The MIME type discovery lists.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Xml => "text/xml",
            Self::Json => "application/json",
        }
    }
}

/// A value of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Int(i64),
    /// Elements in order (an XML element with children; a JSON object).
    Obj(Vec<(&'static str, Value)>),
    /// Repeated elements named by the first field (an XML wrapper; a JSON array).
    List(&'static str, Vec<Value>),
}

impl Value {
    /// A text value.
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }
}

/// A document: its root element's name and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub root: &'static str,
    pub value: Value,
}

/// The bytes of `doc` in `format`.
pub fn render(doc: &Doc, format: Format) -> Vec<u8> {
    match format {
        Format::Json => serde_json::to_vec(&json(&doc.value)).unwrap_or_default(),
        Format::Xml => xml(doc),
    }
}

fn json(v: &Value) -> serde_json::Value {
    match v {
        Value::Text(s) => serde_json::Value::String(s.clone()),
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Obj(fields) => serde_json::Value::Object(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), json(v)))
                .collect(),
        ),
        Value::List(_, items) => serde_json::Value::Array(items.iter().map(json).collect()),
    }
}

/// Characters XML 1.0 cannot carry at all (most C0 controls): left out.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        })
        .collect()
}

fn xml(doc: &Doc) -> Vec<u8> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| element(&mut w, doc.root, &doc.value));
    match written {
        Ok(()) => w.into_inner(),
        // Writing to memory does not fail; an empty body would show if it did.
        Err(_) => Vec::new(),
    }
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, v: &Value) -> std::io::Result<()> {
    let el = w.create_element(name);
    match v {
        Value::Text(s) => el.write_text_content(BytesText::new(&xml_text(s)))?,
        Value::Bool(b) => {
            el.write_text_content(BytesText::new(if *b { "true" } else { "false" }))?
        }
        Value::Int(i) => el.write_text_content(BytesText::new(&i.to_string()))?,
        Value::Obj(fields) => el.write_inner_content(|w| {
            for (k, v) in fields {
                element(w, k, v)?;
            }
            Ok(())
        })?,
        Value::List(child, items) => el.write_inner_content(|w| {
            for item in items {
                element(w, child, item)?;
            }
            Ok(())
        })?,
    };
    Ok(())
}

/// One error of an error list: Open311's code (usually the HTTP status) and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: u16,
    pub description: String,
}

/// The error list: `<errors><error><code/><description/></error></errors>`, or
/// `[{"code":400,"description":"..."}]`.
pub fn errors(list: &[ApiError]) -> Doc {
    Doc {
        root: "errors",
        value: Value::List(
            "error",
            list.iter()
                .map(|e| {
                    Value::Obj(vec![
                        ("code", Value::Int(i64::from(e.code))),
                        ("description", Value::text(&e.description)),
                    ])
                })
                .collect(),
        ),
    }
}

/// One service (a report category).
#[derive(Debug, Clone)]
pub struct Service {
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: String,
    pub keywords: String,
}

/// `services`: every service, each needing a definition call (`metadata` true).
pub fn services(list: &[Service]) -> Doc {
    Doc {
        root: "services",
        value: Value::List(
            "service",
            list.iter()
                .map(|s| {
                    Value::Obj(vec![
                        ("service_code", Value::text(&s.code)),
                        ("service_name", Value::text(&s.name)),
                        ("description", Value::text(&s.description)),
                        ("metadata", Value::Bool(true)),
                        ("type", Value::text("realtime")),
                        ("keywords", Value::text(&s.keywords)),
                        ("group", Value::text(&s.group)),
                    ])
                })
                .collect(),
        ),
    }
}

/// The datatype of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datatype {
    String,
    Text,
    Datetime,
    Singlevaluelist,
}

impl Datatype {
    fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Text => "text",
            Self::Datetime => "datetime",
            Self::Singlevaluelist => "singlevaluelist",
        }
    }
}

/// One attribute of a service definition.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub code: &'static str,
    pub datatype: Datatype,
    pub required: bool,
    pub datatype_description: String,
    pub description: String,
    /// `(key, name)` of a list's values.
    pub values: Vec<(String, String)>,
}

/// `service_definition` of one service; attributes ordered from 1.
pub fn service_definition(code: &str, attributes: &[Attribute]) -> Doc {
    let attrs = attributes
        .iter()
        .zip(1..)
        .map(|(a, order)| {
            let mut fields = vec![
                ("variable", Value::Bool(true)),
                ("code", Value::text(a.code)),
                ("datatype", Value::text(a.datatype.as_str())),
                ("required", Value::Bool(a.required)),
                ("datatype_description", Value::text(&a.datatype_description)),
                ("order", Value::Int(order)),
                ("description", Value::text(&a.description)),
            ];
            if !a.values.is_empty() {
                fields.push((
                    "values",
                    Value::List(
                        "value",
                        a.values
                            .iter()
                            .map(|(k, n)| {
                                Value::Obj(vec![("key", Value::text(k)), ("name", Value::text(n))])
                            })
                            .collect(),
                    ),
                ));
            }
            Value::Obj(fields)
        })
        .collect();
    Doc {
        root: "service_definition",
        value: Value::Obj(vec![
            ("service_code", Value::text(code)),
            ("attributes", Value::List("attribute", attrs)),
        ]),
    }
}

/// One public request (report): nothing that names or reaches the reporter.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: String,
    /// `open` or `closed`.
    pub status: &'static str,
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub agency_responsible: String,
    pub requested: String,
    pub updated: String,
    pub address: String,
}

/// `service_requests`: public requests.
pub fn requests(list: &[Request]) -> Doc {
    Doc {
        root: "service_requests",
        value: Value::List(
            "request",
            list.iter()
                .map(|r| {
                    Value::Obj(vec![
                        ("service_request_id", Value::text(&r.id)),
                        ("status", Value::text(r.status)),
                        ("service_name", Value::text(&r.service_name)),
                        ("service_code", Value::text(&r.service_code)),
                        ("description", Value::text(&r.description)),
                        ("agency_responsible", Value::text(&r.agency_responsible)),
                        ("requested_datetime", Value::text(&r.requested)),
                        ("updated_datetime", Value::text(&r.updated)),
                        ("address", Value::text(&r.address)),
                    ])
                })
                .collect(),
        ),
    }
}

/// The answer to a POST: the tracking code, a notice, and (to the submitting partner
/// only, an extension) the access key the citizen needs for the private view.
pub fn created(id: &str, notice: &str, access_key: &str) -> Doc {
    Doc {
        root: "service_requests",
        value: Value::List(
            "request",
            vec![Value::Obj(vec![
                ("service_request_id", Value::text(id)),
                ("service_notice", Value::text(notice)),
                ("access_key", Value::text(access_key)),
            ])],
        ),
    }
}

/// `discovery`: where the endpoint is and what it speaks.
pub fn discovery(changeset: &str, contact: &str, key_service: &str, url: &str) -> Doc {
    let formats = Value::List(
        "format",
        [Format::Xml, Format::Json]
            .iter()
            .map(|f| Value::text(f.mime()))
            .collect(),
    );
    Doc {
        root: "discovery",
        value: Value::Obj(vec![
            ("changeset", Value::text(changeset)),
            ("contact", Value::text(contact)),
            ("key_service", Value::text(key_service)),
            (
                "endpoints",
                Value::List(
                    "endpoint",
                    vec![Value::Obj(vec![
                        (
                            "specification",
                            Value::text("http://wiki.open311.org/GeoReport_v2"),
                        ),
                        ("url", Value::text(url)),
                        ("changeset", Value::text(changeset)),
                        ("type", Value::text("production")),
                        ("formats", formats),
                    ])],
                ),
            ),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_bare_json_arrays_and_xml_has_a_declaration() {
        let doc = errors(&[ApiError {
            code: 400,
            description: "a <b> & \"c\"\u{1}".into(),
        }]);
        let j = String::from_utf8(render(&doc, Format::Json)).unwrap();
        assert_eq!(j, r#"[{"code":400,"description":"a <b> & \"c\"\u0001"}]"#);
        let x = String::from_utf8(render(&doc, Format::Xml)).unwrap();
        assert_eq!(
            x,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error><code>400</code>\
             <description>a &lt;b&gt; &amp; &quot;c&quot;</description></error></errors>"
        );
    }
}
