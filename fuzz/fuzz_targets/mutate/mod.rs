//! A structure-aware mutator for report files: the input is parsed as JSON,
//! one node picked at random is changed (a number, a string, an array's
//! length or order, an object's fields, its type, or a copy of another node
//! of the same document put in its place), and the value is written back,
//! compact or pretty. Inputs that are not JSON get libFuzzer's byte mutation.

use serde_json::{Map, Number, Value};

/// A small deterministic generator (SplitMix64), seeded by libFuzzer.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u32) -> Self {
        Self(u64::from(seed).wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Mutates `data[..size]` in place and returns the new size, at most
/// `max_size`; `None` when the input is not JSON or the result too long.
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, rng: &mut Rng) -> Option<usize> {
    let mut doc: Value = serde_json::from_slice(&data[..size]).ok()?;
    let rounds = if rng.one_in(4) { 2 } else { 1 };
    for _ in 0..rounds {
        mutate_once(&mut doc, rng);
    }
    let text = write(&doc, rng)?;
    let text = if text.len() > max_size {
        serde_json::to_vec(&doc).ok()?
    } else {
        text
    };
    if text.len() > max_size {
        return None;
    }
    data[..text.len()].copy_from_slice(&text);
    Some(text.len())
}

/// The document as text: compact, pretty with two spaces or a tab, and
/// sometimes with CRLF line ends.
fn write(doc: &Value, rng: &mut Rng) -> Option<Vec<u8>> {
    use serde::Serialize;
    let indent: &[u8] = match rng.below(4) {
        0 => return serde_json::to_vec(doc).ok(),
        1 => b"\t",
        _ => b"  ",
    };
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
    doc.serialize(&mut serde_json::Serializer::with_formatter(&mut out, fmt))
        .ok()?;
    if rng.one_in(8) {
        out = String::from_utf8(out)
            .ok()?
            .replace('\n', "\r\n")
            .into_bytes();
    }
    Some(out)
}

fn mutate_once(doc: &mut Value, rng: &mut Rng) {
    let n = count(doc);
    let donor = nth(doc, rng.below(n)).cloned().unwrap_or(Value::Null);
    let words = strings_near(doc, n, rng);
    if let Some(v) = nth_mut(doc, &mut rng.below(n)) {
        mutate_node(v, donor, &words, rng);
    }
}

/// Number of nodes in the tree.
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The `k`-th node in pre-order.
fn nth(v: &Value, k: usize) -> Option<&Value> {
    fn go<'a>(v: &'a Value, k: &mut usize) -> Option<&'a Value> {
        if *k == 0 {
            return Some(v);
        }
        *k -= 1;
        match v {
            Value::Array(a) => a.iter().find_map(|x| go(x, k)),
            Value::Object(o) => o.values().find_map(|x| go(x, k)),
            _ => None,
        }
    }
    go(v, &mut { k })
}

fn nth_mut<'a>(v: &'a mut Value, k: &mut usize) -> Option<&'a mut Value> {
    if *k == 0 {
        return Some(v);
    }
    *k -= 1;
    match v {
        Value::Array(a) => a.iter_mut().find_map(|x| nth_mut(x, k)),
        Value::Object(o) => o.values_mut().find_map(|x| nth_mut(x, k)),
        _ => None,
    }
}

/// A few strings and keys of the document (ids, keys, references), so that
/// a changed reference often names something that exists.
fn strings_near(doc: &Value, n: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..8 {
        match nth(doc, rng.below(n)) {
            Some(Value::String(s)) if s.len() < 200 => out.push(s.clone()),
            Some(Value::Object(o)) => out.extend(o.keys().next().cloned()),
            _ => {}
        }
    }
    out
}

fn mutate_node(v: &mut Value, donor: Value, words: &[String], rng: &mut Rng) {
    match (rng.below(10), v) {
        (0, v) => *v = donor,
        (1, v) => *v = other_type(v, words, rng),
        (_, Value::Number(n)) => *n = new_number(n, rng),
        (_, Value::String(s)) => mutate_string(s, words, rng),
        (_, Value::Array(a)) => mutate_array(a, donor, rng),
        (_, Value::Object(o)) => mutate_object(o, donor, words, rng),
        (_, Value::Bool(b)) => *b = !*b,
        (_, v) => *v = donor,
    }
}

/// A value of another JSON type.
fn other_type(v: &Value, words: &[String], rng: &mut Rng) -> Value {
    let word = || words.first().cloned().unwrap_or_default();
    match (rng.below(6), v) {
        (0, _) => Value::Null,
        (1, _) => Value::Bool(rng.one_in(2)),
        (2, Value::String(s)) => s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        (2, _) => Value::Number(new_number(&Number::from(1), rng)),
        (3, Value::Number(n)) => Value::String(n.to_string()),
        (3, _) => Value::String(word()),
        (4, x) => Value::Array(vec![x.clone()]),
        (_, x) => Value::Object(Map::from_iter([(word(), x.clone())])),
    }
}

/// Boundary values of the checks (ranges, integer amounts, u16 years,
/// the 1e-6 tolerance) and small steps from the old value.
fn new_number(n: &Number, rng: &mut Rng) -> Number {
    let f = n.as_f64().unwrap_or(0.0);
    let candidates = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        f + 1.0,
        f - 1.0,
        -f,
        f * 10.0,
        f / 10.0,
        f + 0.5,
        f + 1e-7,
        f + 1e-5,
        1e12,
        1e12 + 1.0,
        -1e12 - 1.0,
        1e300,
        1e-300,
        65535.0,
        65536.0,
        4294967296.0,
        f64::from_bits(rng.next()),
    ];
    match rng.below(candidates.len() + 3) {
        0 => Number::from(u64::MAX),
        1 => Number::from(i64::MIN),
        2 => Number::from(rng.next() % 3000),
        i => {
            let x = candidates[i - 3];
            // Integers stay integers when they can, as in the files.
            if x.fract() == 0.0 && x.abs() < 9e15 && !(x == 0.0 && x.is_sign_negative()) {
                Number::from(x as i64)
            } else {
                Number::from_f64(x).unwrap_or_else(|| Number::from(0))
            }
        }
    }
}

/// Characters that test width and escaping: Swedish letters, an emoji (four
/// bytes), control characters, quotes, and a zero-width space.
const SPICE: &[&str] = &[
    "å", "Ö", "😀", "\u{0}", "\n", "\"", "\\", "-", "A", " ", "\u{200b}", "\r",
];

fn mutate_string(s: &mut String, words: &[String], rng: &mut Rng) {
    let at = char_boundary(s, rng);
    match rng.below(9) {
        0 => s.clear(),
        1 => *s = "ä".repeat(20_000 + rng.below(2)),
        2 => *s = s.repeat(2 + rng.below(3)),
        3 if !words.is_empty() => *s = rng.pick(words).clone(),
        4 => s.insert_str(at, rng.pick(SPICE)),
        5 => s.truncate(at),
        6 => *s = s.to_uppercase(),
        7 => *s = tweak_digit(s, rng),
        _ => s.push_str(rng.pick(SPICE)),
    }
}

fn char_boundary(s: &str, rng: &mut Rng) -> usize {
    let cuts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    *rng.pick(&cuts)
}

/// One digit changed: dates such as 2024-13-01 or 2024-02-31, ids such as
/// asn-2026.
fn tweak_digit(s: &str, rng: &mut Rng) -> String {
    let digits: Vec<usize> = s
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let Some(&i) = (!digits.is_empty()).then(|| rng.pick(&digits)) else {
        return format!("{s}{}", rng.below(10));
    };
    let d = char::from(b'0' + rng.below(10) as u8);
    format!("{}{d}{}", &s[..i], &s[i + 1..])
}

fn mutate_array(a: &mut Vec<Value>, donor: Value, rng: &mut Rng) {
    let len = a.len();
    let i = rng.below(len);
    match rng.below(7) {
        0 if len > 0 => drop(a.remove(i)),
        1 if len > 0 => a.insert(i, a[i].clone()),
        2 if len > 1 => a.swap(i, rng.below(len)),
        3 => a.clear(),
        4 => a.truncate(rng.below(len + 1)),
        5 if len > 0 => a.push(a[rng.below(len)].clone()),
        _ => a.insert(rng.below(len + 1), donor),
    }
}

fn mutate_object(o: &mut Map<String, Value>, donor: Value, words: &[String], rng: &mut Rng) {
    let keys: Vec<String> = o.keys().cloned().collect();
    let key = keys.get(rng.below(keys.len())).cloned();
    match (rng.below(5), key) {
        (0 | 1, Some(k)) => drop(o.remove(&k)),
        (2, Some(k)) => {
            let v = o.remove(&k).unwrap_or(Value::Null);
            o.insert(format!("{k}_"), v);
        }
        (3, Some(k)) => drop(o.insert(k, Value::Null)),
        (_, _) => {
            // An unknown field, or a known one (of this or another object).
            let name = match words.first() {
                Some(w) if rng.one_in(2) => w.clone(),
                _ => "extra".to_string(),
            };
            o.insert(name, donor);
        }
    }
}
