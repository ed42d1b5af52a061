//! A flat, non-recursive tag stripper: the fallback for pages too deep or too large for the
//! DOM-based extractor. Drops `script`, `style`, `noscript`, `template`, `svg`, `head` and
//! comments, breaks lines at block tags, decodes the common character references and
//! collapses whitespace. It keeps all visible text (no boilerplate removal).

/// Visible text of an HTML string, one block per line.
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 3);
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut skip_until: Option<&'static str> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        // Flush text before the tag.
        if skip_until.is_none() && text_start < i {
            push_text(&mut out, &html[text_start..i]);
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(html.len(), |e| i + e + 3);
            i = end;
            text_start = i;
            continue;
        }
        // `rest` starts with '<', so byte 1 is a char boundary, and so is the '>' found.
        let (tag, end) = match rest.find('>') {
            Some(e) => (&rest[1..e], i + e + 1),
            None => (&rest[1..], html.len()),
        };
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(until) = skip_until {
            if closing && name == until {
                skip_until = None;
            }
        } else if !closing {
            skip_until = match name.as_str() {
                "script" => Some("script"),
                "style" => Some("style"),
                "noscript" => Some("noscript"),
                "template" => Some("template"),
                "svg" => Some("svg"),
                "head" => Some("head"),
                "title" => Some("title"),
                _ => None,
            };
            if tag.ends_with('/') {
                skip_until = None;
            }
        }
        if skip_until.is_none() && is_block(&name) && !out.ends_with('\n') && !out.is_empty() {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        }
        i = end;
        text_start = i;
    }
    if skip_until.is_none() && text_start < html.len() {
        push_text(&mut out, &html[text_start..]);
    }
    let mut lines: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.dedup();
    lines.join("\n")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "main"
            | "dd"
            | "dt"
            | "dl"
            | "hr"
            | "body"
            | "html"
            | "form"
            | "td"
            | "th"
    )
}

fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for word in decoded.split_whitespace() {
        if !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if decoded.ends_with(char::is_whitespace) && !out.ends_with('\n') && !out.is_empty() {
        out.push(' ');
    }
}

/// Decodes numeric character references and the named ones that matter in news text.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse().ok()
                };
                n.and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    "lsquo" => Some('‘'),
                    "rsquo" => Some('’'),
                    "ldquo" => Some('“'),
                    "rdquo" => Some('”'),
                    "laquo" => Some('«'),
                    "raquo" => Some('»'),
                    "copy" => Some('©'),
                    "eacute" => Some('é'),
                    "auml" => Some('ä'),
                    "ouml" => Some('ö'),
                    "uuml" => Some('ü'),
                    "Auml" => Some('Ä'),
                    "Ouml" => Some('Ö'),
                    "Uuml" => Some('Ü'),
                    "szlig" => Some('ß'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The deepest element nesting in the page, counted cheaply without parsing
/// (void elements and self-closing tags do not nest). Stops counting at `cap`.
pub(crate) fn max_depth(html: &str, cap: usize) -> usize {
    let b = html.as_bytes();
    let mut depth: usize = 0;
    let mut max = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let c = b[i + 1];
        if c == b'/' {
            depth = depth.saturating_sub(1);
            i += 2;
            continue;
        }
        if c == b'!' {
            if b[i..].starts_with(b"<!--") {
                i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            } else {
                i += 2;
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name_end = b[i + 1..]
            .iter()
            .position(|x| !x.is_ascii_alphanumeric())
            .map_or(b.len(), |p| i + 1 + p);
        let name = &b[i + 1..name_end];
        let tag_end = b[name_end..]
            .iter()
            .position(|&x| x == b'>')
            .map_or(b.len(), |p| name_end + p);
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
        if !void && !self_closing {
            depth += 1;
            max = max.max(depth);
            if max >= cap {
                return max;
            }
        }
        i = tag_end.max(i + 1);
    }
    max
}

const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"p", b"li", b"option", b"td", b"tr", b"th",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips() {
        let t = strip_tags("<html><head><title>T</title><style>p{}</style></head><body><p>One &amp; two</p><script>x()</script><p>Three&nbsp;<b>four</b></p></body></html>");
        assert_eq!(t, "One & two\nThree four");
    }

    #[test]
    fn unclosed_tag_ending_in_a_multibyte_char() {
        // Found by fuzzing: the tag name was sliced one byte before the end of the page.
        assert_eq!(strip_tags("<body>\n\u{a6}\n<\u{2a6}"), "\u{a6}");
        assert_eq!(strip_tags("x <\u{e9}"), "x");
    }

    #[test]
    fn depth() {
        assert_eq!(
            max_depth("<div><div><span>x<br></span></div></div>", 1000),
            3
        );
        let deep = "<div>".repeat(5000);
        assert_eq!(max_depth(&deep, 1000), 1000);
    }
}
