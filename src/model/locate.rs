//! JSON paths and where they stand in the source text.
//!
//! serde_json's `Value` keeps no positions, and the span-keeping JSON crates
//! are either unmaintained or pull in a second parser; finding the line and
//! column of one path is a 100-line scan, so it is written here by hand.

use std::fmt;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A JSON path such as `$.tables[2].rows[0].values[1]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path with a key appended.
    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_string()));
        Self(v)
    }

    /// This path with an index appended.
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        Self(v)
    }

    /// Parses the path format of `serde_path_to_error` (`a.b[3].c`).
    pub fn parse_serde(s: &str) -> Self {
        let mut segs = Vec::new();
        for part in s.split('.') {
            if part.is_empty() || part == "?" {
                continue;
            }
            let mut rest = part;
            if let Some(b) = rest.find('[') {
                if b > 0 {
                    segs.push(Seg::Key(rest[..b].to_string()));
                }
                rest = &rest[b..];
                while let Some(stripped) = rest.strip_prefix('[') {
                    let Some(end) = stripped.find(']') else { break };
                    if let Ok(i) = stripped[..end].parse() {
                        segs.push(Seg::Index(i));
                    }
                    rest = &stripped[end + 1..];
                }
            } else {
                segs.push(Seg::Key(rest.to_string()));
            }
        }
        Self(segs)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for s in &self.0 {
            match s {
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// 1-based line and column of the value at `path` in `src`, if it exists.
pub fn locate(src: &str, path: &JsonPath) -> Option<(usize, usize)> {
    offset(src, path).map(|pos| line_col(src, pos))
}

/// The byte offset of the value at `path` in `src` (its first character),
/// if it exists.
pub fn offset(src: &str, path: &JsonPath) -> Option<usize> {
    let b = src.as_bytes();
    let mut pos = skip_ws(b, 0);
    for seg in &path.0 {
        pos = match seg {
            Seg::Key(k) => find_member(b, pos, k)?,
            Seg::Index(i) => find_element(b, pos, *i)?,
        };
    }
    Some(pos)
}

/// 1-based line and column, in characters like [`locate`], of the character a
/// serde_json error points at. serde_json counts bytes, and 0 right after a
/// newline (the error is then at the newline).
pub fn error_position(src: &str, e: &serde_json::Error) -> (usize, usize) {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + e.column()).saturating_sub(1).min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    line_col(src, at)
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(src.len());
    let before = &src.as_bytes()[..pos];
    let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// The byte range of the value at `path` in `src`, if it exists.
pub fn span(src: &str, path: &JsonPath) -> Option<std::ops::Range<usize>> {
    let start = offset(src, path)?;
    Some(start..skip_value(src.as_bytes(), start)?)
}

fn skip_ws(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && matches!(b[p], b' ' | b'\n' | b'\r' | b'\t') {
        p += 1;
    }
    p
}

/// Returns (decoded string, position after the closing quote).
fn read_string(b: &[u8], p: usize) -> Option<(String, usize)> {
    if b.get(p) != Some(&b'"') {
        return None;
    }
    let mut q = p + 1;
    while q < b.len() {
        match b[q] {
            b'\\' => q += 2,
            b'"' => break,
            _ => q += 1,
        }
    }
    if q >= b.len() {
        return None;
    }
    let raw = std::str::from_utf8(&b[p..=q]).ok()?;
    let s = if raw.contains('\\') {
        serde_json::from_str::<String>(raw).ok()?
    } else {
        raw[1..raw.len() - 1].to_string()
    };
    Some((s, q + 1))
}

/// Position after the value starting at `p`.
fn skip_value(b: &[u8], p: usize) -> Option<usize> {
    match b.get(p)? {
        b'"' => read_string(b, p).map(|(_, e)| e),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut q = p;
            while q < b.len() {
                match b[q] {
                    b'"' => {
                        q = read_string(b, q)?.1;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(q + 1);
                        }
                    }
                    _ => {}
                }
                q += 1;
            }
            None
        }
        _ => {
            let mut q = p;
            while q < b.len() && !matches!(b[q], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            {
                q += 1;
            }
            Some(q)
        }
    }
}

fn find_member(b: &[u8], p: usize, key: &str) -> Option<usize> {
    if b.get(p) != Some(&b'{') {
        return None;
    }
    let mut q = skip_ws(b, p + 1);
    loop {
        if b.get(q)? == &b'}' {
            return None;
        }
        let (k, e) = read_string(b, q)?;
        q = skip_ws(b, e);
        if b.get(q)? != &b':' {
            return None;
        }
        q = skip_ws(b, q + 1);
        if k == key {
            return Some(q);
        }
        q = skip_ws(b, skip_value(b, q)?);
        if b.get(q)? == &b',' {
            q = skip_ws(b, q + 1);
        }
    }
}

fn find_element(b: &[u8], p: usize, index: usize) -> Option<usize> {
    if b.get(p) != Some(&b'[') {
        return None;
    }
    let mut q = skip_ws(b, p + 1);
    let mut i = 0;
    loop {
        if b.get(q)? == &b']' {
            return None;
        }
        if i == index {
            return Some(q);
        }
        q = skip_ws(b, skip_value(b, q)?);
        if b.get(q)? == &b',' {
            q = skip_ws(b, q + 1);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, path: &str, expected: Option<(usize, usize)>) {
        assert_eq!(
            locate(src, &JsonPath::parse_serde(path)),
            expected,
            "{path}"
        );
    }

    #[test]
    fn finds_values_by_path() {
        let src = "{\n  \"a\": 1,\n  \"t\": [\n    {\"k\": \"x\\\"y\", \"v\": [1, 2, 3]},\n    {\"v\": [4, null]}\n  ]\n}";
        check(src, "a", Some((2, 8)));
        check(src, "t[0].v[2]", Some((4, 31)));
        check(src, "t[1].v[1]", Some((5, 15)));
        check(src, "t[2]", None);
        check(src, "b", None);
    }

    #[test]
    fn displays_and_parses_paths() {
        let p = JsonPath::parse_serde("tables[2].rows[0].values[1]");
        assert_eq!(p.to_string(), "$.tables[2].rows[0].values[1]");
        assert_eq!(
            JsonPath::root().key("goal_areas").index(3).to_string(),
            "$.goal_areas[3]"
        );
    }
}
